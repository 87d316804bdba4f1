#!/usr/bin/env bash
# Regenerates the test PKI and the CMS corpus with the openssl CLI (3.0+).
# The output is committed: tests never run this script. Run it from anywhere:
#   bash crates/pki/tests/corpus/make.sh
# It writes `made-at.txt` (UTC, RFC 3339): the tests take "now" as a few minutes after it,
# because openssl stamps signingTime with the moment of signing.
set -euo pipefail
cd "$(dirname "$0")"
export OPENSSL_CONF=/dev/null
rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# OCSP (RFC 6960), made from the committed pki/: a delegated responder issued by the intermediate
# (EKU OCSPSigning), responses from it, from the intermediate's and the root's own keys, from a
# responder of another CA and from a certificate without the EKU. `openssl ocsp` stamps
# thisUpdate/producedAt with the moment it runs: `ocsp/made-at.txt` records it, and the OCSP
# cases take "now" from it. Run alone (`make.sh ocsp`) it remakes only ocsp/.
make_ocsp() {
  rm -rf ocsp work/ocsp
  mkdir -p ocsp work/ocsp
  cat > work/ocsp/ext.cnf <<'CNF'
[ responder_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
  rsa_key ocsp/responder.key
  openssl req -new -utf8 -key ocsp/responder.key -subj "/CN=OCSP ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST/C=KZ" \
    -out work/ocsp/responder.csr
  openssl x509 -req -in work/ocsp/responder.csr -CA pki/inter.pem -CAkey pki/inter.key -set_serial 0x3001 \
    -days 7300 -sha256 -extfile work/ocsp/ext.cnf -extensions responder_ext -out ocsp/responder.pem 2>/dev/null
  rsa_key ocsp/foreign-responder.key
  openssl req -new -utf8 -key ocsp/foreign-responder.key -subj "/CN=OCSP ЖАЛҒАН TEST/C=KZ" \
    -out work/ocsp/foreign.csr
  openssl x509 -req -in work/ocsp/foreign.csr -CA pki/other-root.pem -CAkey pki/other-root.key \
    -set_serial 0x3002 -days 7300 -sha256 -extfile work/ocsp/ext.cnf -extensions responder_ext \
    -out ocsp/foreign-responder.pem 2>/dev/null
  # openssl ca-style databases: sign-900101300811 and sign-p256 good, `revoked` revoked before the
  # corpus was signed (keyCompromise); sign-931002451325 absent, so "unknown". The root's: the
  # intermediate good.
  local exp=451231235959Z
  printf 'V\t%s\t\t1000\tunknown\t/CN=sign-900101300811\n' $exp > work/ocsp/index.txt
  printf 'V\t%s\t\t1004\tunknown\t/CN=sign-p256\n' $exp >> work/ocsp/index.txt
  printf 'R\t%s\t250601000000Z,keyCompromise\t1006\tunknown\t/CN=revoked\n' $exp >> work/ocsp/index.txt
  printf 'V\t%s\t\t02\tunknown\t/CN=inter\n' 441231235959Z > work/ocsp/root-index.txt
  # respond OUT SIGNER-CERT SIGNER-KEY [openssl ocsp args: CertID digest, -cert, validity]
  respond() {
    local out=$1 rcert=$2 rkey=$3; shift 3
    openssl ocsp -index work/ocsp/index.txt -CA pki/inter.pem -issuer pki/inter.pem \
      -rsigner "$rcert" -rkey "$rkey" -rmd sha256 -respout ocsp/$out.der "$@" >/dev/null 2>&1
  }
  local R="ocsp/responder.pem ocsp/responder.key"
  respond good-sha1 $R -cert pki/sign-900101300811.pem -ndays 7300
  respond good-sha256 $R -sha256 -cert pki/sign-900101300811.pem -ndays 7300
  respond good-p256 $R -cert pki/sign-p256.pem -ndays 7300
  respond revoked $R -cert pki/revoked.pem -ndays 7300
  respond unknown $R -cert pki/sign-931002451325.pem -ndays 7300
  respond expired $R -cert pki/sign-900101300811.pem -nmin 1
  respond by-issuer pki/inter.pem pki/inter.key -sha256 -cert pki/sign-900101300811.pem -ndays 7300
  respond untrusted-responder ocsp/foreign-responder.pem ocsp/foreign-responder.key \
    -cert pki/sign-900101300811.pem -ndays 7300
  respond no-eku pki/sign-931002451325.pem pki/sign-931002451325.key \
    -cert pki/sign-900101300811.pem -ndays 7300
  openssl ocsp -index work/ocsp/root-index.txt -CA pki/root.pem -issuer pki/root.pem \
    -rsigner pki/root.pem -rkey pki/root.key -rmd sha256 -cert pki/inter.pem -ndays 7300 \
    -respout ocsp/inter-by-root.der >/dev/null 2>&1
  for f in responder foreign-responder; do openssl x509 -in ocsp/$f.pem -outform DER -out ocsp/$f.der; done
  date -u +%Y-%m-%dT%H:%M:%SZ > ocsp/made-at.txt
  rm -rf work/ocsp
}
if [ "${1:-}" = ocsp ]; then make_ocsp; echo "OCSP responses made at $(cat ocsp/made-at.txt)"; exit 0; fi

# RFC 3161 timestamp tokens (`make.sh tsp` remakes only tsp/), made from the committed pki/ and
# cms/: a TSA issued by the intermediate (critical EKU timeStamping), one issued by the unknown
# root, and a certificate without the EKU. Each token (`-token_out`: the ContentInfo, as it sits in
# the id-aa-signatureTimeStampToken attribute) covers the signature value of cms/rsa-attached.p7s,
# except `other-bytes` (the document itself). `openssl ts -reply` refuses a signer without the
# critical EKU, so `no-eku` re-signs a good token's TSTInfo with `openssl cms -sign`. The tests
# attach the tokens to the CMS; genTime is the moment this runs: `tsp/made-at.txt` records it.
make_tsp() {
  rm -rf tsp work/tsp
  mkdir -p tsp work/tsp
  cat > work/tsp/ext.cnf <<'CNF'
[ tsa_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = ./work/tsp
serial = $dir/serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.398.3.3.2.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
  echo 01 > work/tsp/serial
  # tsa NAME CA-CERT CA-KEY SERIAL SUBJECT
  tsa() {
    rsa_key tsp/$1.key
    openssl req -new -utf8 -key tsp/$1.key -subj "$5" -out work/tsp/$1.csr
    openssl x509 -req -in work/tsp/$1.csr -CA $2 -CAkey $3 -set_serial $4 -days 7300 -sha256 \
      -extfile work/tsp/ext.cnf -extensions tsa_ext -out tsp/$1.pem 2>/dev/null
  }
  tsa tsa pki/inter.pem pki/inter.key 0x4001 "/CN=TSA ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST/C=KZ"
  tsa foreign-tsa pki/other-root.pem pki/other-root.key 0x4002 "/CN=TSA ЖАЛҒАН TEST/C=KZ"
  # The signature value (the SignerInfo's last OCTET STRING: rsa-attached has no unsigned attributes).
  openssl asn1parse -inform DER -in cms/rsa-attached.p7s | grep 'OCTET STRING' | tail -1 \
    | sed 's/.*HEX DUMP\]://' | perl -ne 'chomp; print pack("H*", $_)' > tsp/signature.bin
  # token OUT TSA-NAME DATA [CHAIN]
  token() {
    openssl ts -query -data "$3" -sha256 -cert -out work/tsp/$1.tsq 2>/dev/null
    openssl ts -reply -queryfile work/tsp/$1.tsq -signer tsp/$2.pem -inkey tsp/$2.key \
      ${4:+-chain $4} -config work/tsp/ext.cnf -token_out -out tsp/$1.der 2>/dev/null
  }
  token good tsa tsp/signature.bin pki/inter.pem
  token other-bytes tsa cms/document.txt pki/inter.pem
  token untrusted foreign-tsa tsp/signature.bin
  openssl cms -verify -noverify -binary -inform DER -in tsp/good.der -out work/tsp/tstinfo.der 2>/dev/null
  openssl cms -sign -binary -nodetach -in work/tsp/tstinfo.der -econtent_type 1.2.840.113549.1.9.16.1.4 \
    -md sha256 -signer pki/sign-931002451325.pem -inkey pki/sign-931002451325.key -certfile pki/inter.pem \
    -outform DER -out tsp/no-eku.der
  for f in tsa foreign-tsa; do openssl x509 -in tsp/$f.pem -outform DER -out tsp/$f.der; done
  date -u +%Y-%m-%dT%H:%M:%SZ > tsp/made-at.txt
  rm -rf work/tsp
}
if [ "${1:-}" = tsp ]; then make_tsp; echo "timestamp tokens made at $(cat tsp/made-at.txt)"; exit 0; fi

rm -rf work pki cms crl ocsp tsp made-at.txt
mkdir -p work pki cms crl

ROOT_CN="ҚР ТҮБІРЛІК КУӘЛАНДЫРУШЫ ОРТАЛЫҒЫ (RSA) TEST"
INTER_CN="ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST"
GOOD_START=20250101000000Z
GOOD_END=20451231235959Z

cat > work/ca.cnf <<'CNF'
[ ca ]
default_ca = inter
[ inter ]
dir = ./work/inter
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
policy = any
email_in_dn = no
unique_subject = no
copy_extensions = none
utf8 = yes
string_mask = utf8only
[ any ]
commonName = supplied
surname = optional
serialNumber = optional
countryName = optional
givenName = optional
organizationName = optional
[ root_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ inter_ext ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
# NCA RK signing keys: nonRepudiation + digitalSignature, e-mail protection and the
# "individual" policy-like OID NCA writes into the extended key usage.
[ sign_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
# NCA RK authentication keys: digitalSignature + keyEncipherment, TLS client auth.
[ auth_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, 1.2.398.3.3.4.1.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ crl_ext ]
authorityKeyIdentifier = keyid
CNF
sed 's#./work/inter#./work/other#' work/ca.cnf > work/other.cnf
sed 's#./work/inter#./work/rootca#' work/ca.cnf > work/root.cnf
for d in inter other rootca; do
  mkdir -p work/$d/new; : > work/$d/index.txt; echo 1000 > work/$d/serial; echo 01 > work/$d/crlnumber
done

# Root and intermediate, like NCA RK's (self-signed root, one intermediate that issues people's keys).
rsa_key pki/root.key
openssl req -new -x509 -utf8 -key pki/root.key -subj "/CN=$ROOT_CN/C=KZ" -days 7300 \
  -set_serial 1 -sha256 -config work/ca.cnf -extensions root_ext -out pki/root.pem
rsa_key pki/inter.key
openssl req -new -utf8 -key pki/inter.key -subj "/CN=$INTER_CN/C=KZ" -out work/inter.csr
openssl x509 -req -in work/inter.csr -CA pki/root.pem -CAkey pki/root.key -set_serial 2 -days 7000 \
  -sha256 -extfile work/ca.cnf -extensions inter_ext -out pki/inter.pem 2>/dev/null
cp pki/inter.key work/inter/key.pem; cp pki/inter.pem work/inter/cert.pem

# An unrelated root with the same intermediate-style issuing, for "unknown root".
rsa_key pki/other-root.key
openssl req -new -x509 -utf8 -key pki/other-root.key -subj "/CN=ЖАЛҒАН КУӘЛАНДЫРУШЫ ОРТАЛЫҚ/C=KZ" \
  -days 7300 -set_serial 1 -sha256 -config work/ca.cnf -extensions root_ext -out pki/other-root.pem

# issue NAME KEYTYPE EXT SUBJECT START END [CA]
issue() {
  local name=$1 keytype=$2 ext=$3 subj=$4 start=$5 end=$6 ca=${7:-inter}
  case $keytype in
    rsa) rsa_key pki/$name.key ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out pki/$name.key ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out pki/$name.key ;;
  esac
  openssl req -new -utf8 -key pki/$name.key -subj "$subj" -out work/$name.csr
  if [ "$ca" = inter ]; then
    openssl ca -batch -notext -utf8 -config work/ca.cnf -cert pki/inter.pem -keyfile pki/inter.key \
      -extensions $ext -startdate $start -enddate $end -in work/$name.csr -out pki/$name.pem 2>/dev/null
  else
    openssl ca -batch -notext -utf8 -config work/other.cnf -cert pki/other-root.pem -keyfile pki/other-root.key \
      -extensions $ext -startdate $start -enddate $end -in work/$name.csr -out pki/$name.pem 2>/dev/null
  fi
}

P1="/CN=ӘБІЛҚАЙЫРОВА АЙГҮЛ/SN=ӘБІЛҚАЙЫРОВА/serialNumber=IIN900101300811/C=KZ/GN=ЕРЛАНҚЫЗЫ"
P2="/CN=ЖҰМАБАЕВ ҚАНАТ/SN=ЖҰМАБАЕВ/serialNumber=IIN931002451325/C=KZ/GN=СЕРІКҰЛЫ"
issue sign-900101300811 rsa sign_ext "$P1" $GOOD_START $GOOD_END
issue auth-900101300811 rsa auth_ext "$P1" $GOOD_START $GOOD_END
issue sign-931002451325 rsa sign_ext "$P2" $GOOD_START $GOOD_END
issue auth-931002451325 rsa auth_ext "$P2" $GOOD_START $GOOD_END
issue sign-p256 p256 sign_ext "$P1" $GOOD_START $GOOD_END
issue sign-p384 p384 sign_ext "$P2" $GOOD_START $GOOD_END
issue revoked rsa sign_ext "/CN=ОТОЗВАННЫЙ СЕРТИФИКАТ/serialNumber=IIN900101300811/C=KZ" $GOOD_START $GOOD_END
issue expired rsa sign_ext "/CN=МЕРЗІМІ ӨТКЕН/serialNumber=IIN900101300811/C=KZ" 20200101000000Z 20210101000000Z
issue notyet rsa sign_ext "/CN=ӘЛІ ЖАРАМСЫЗ/serialNumber=IIN900101300811/C=KZ" 20400101000000Z $GOOD_END
issue unknown rsa sign_ext "/CN=БЕЙТАНЫС/serialNumber=IIN900101300811/C=KZ" $GOOD_START $GOOD_END other

openssl ca -batch -config work/ca.cnf -cert pki/inter.pem -keyfile pki/inter.key -revoke pki/revoked.pem \
  -crl_reason keyCompromise 2>/dev/null
# The current CRL (nextUpdate far ahead so the corpus does not rot), a stale one, and one from another CA.
openssl ca -batch -gencrl -config work/ca.cnf -cert pki/inter.pem -keyfile pki/inter.key -crlexts crl_ext \
  -crl_lastupdate $GOOD_START -crl_nextupdate $GOOD_END -out crl/inter.pem 2>/dev/null
openssl ca -batch -gencrl -config work/ca.cnf -cert pki/inter.pem -keyfile pki/inter.key -crlexts crl_ext \
  -crl_lastupdate 20200101000000Z -crl_nextupdate 20200201000000Z -out crl/stale.pem 2>/dev/null
openssl ca -batch -gencrl -config work/other.cnf -cert pki/other-root.pem -keyfile pki/other-root.key \
  -crl_lastupdate $GOOD_START -crl_nextupdate $GOOD_END -out crl/other.pem 2>/dev/null
# The root's CRL (its ARL: it lists no intermediate), needed to check the intermediate.
openssl ca -batch -gencrl -config work/root.cnf -cert pki/root.pem -keyfile pki/root.key -crlexts crl_ext \
  -crl_lastupdate $GOOD_START -crl_nextupdate $GOOD_END -out crl/root.pem 2>/dev/null
for c in crl/*.pem; do openssl crl -in "$c" -outform DER -out "${c%.pem}.der"; done
# A CRL whose signature no longer verifies (a byte of the signature flipped).
perl -0777 -pe 'substr($_, -10, 1) = chr(ord(substr($_, -10, 1)) ^ 0xff)' crl/inter.der > crl/bad-signature.der
openssl crl -inform DER -in crl/bad-signature.der -out crl/bad-signature.pem

printf 'Өтініш: қандас мәртебесін беру. Application for kandas status.\n' > cms/document.txt
printf 'nonce-3f9a1c7e5b2d4a60\n' > cms/nonce.txt
printf 'Өтініш: қандас мәртебесін беру. Application for kandas status!\n' > cms/document-changed.txt
date -u +%Y-%m-%dT%H:%M:%SZ > made-at.txt

# sign OUT SIGNER CONTENT [extra openssl args...]
sign() {
  local out=$1 signer=$2 content=$3; shift 3
  openssl cms -sign -binary -in cms/$content -signer pki/$signer.pem -inkey pki/$signer.key \
    -outform DER -out cms/$out.p7s "$@"
}
sign rsa-attached sign-900101300811 document.txt -md sha256 -nodetach
sign rsa-detached sign-900101300811 document.txt -md sha256
sign rsa-sha384 sign-900101300811 document.txt -md sha384 -nodetach
sign rsa-sha512 sign-931002451325 document.txt -md sha512 -nodetach
sign rsa-with-chain sign-931002451325 document.txt -md sha256 -nodetach -certfile pki/inter.pem
sign rsa-pss-max sign-900101300811 document.txt -md sha256 -nodetach \
  -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:max
sign rsa-pss-digest sign-931002451325 document.txt -md sha384 \
  -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:digest
sign p256-attached sign-p256 document.txt -md sha256 -nodetach
sign p256-detached sign-p256 document.txt -md sha256
sign p384-attached sign-p384 document.txt -md sha384 -nodetach
sign auth-nonce-900101300811 auth-900101300811 nonce.txt -md sha256 -nodetach
sign auth-nonce-931002451325 auth-931002451325 nonce.txt -md sha256 -nodetach
sign auth-document auth-900101300811 document.txt -md sha256 -nodetach
sign sign-nonce sign-900101300811 nonce.txt -md sha256 -nodetach
sign revoked revoked document.txt -md sha256 -nodetach
sign expired expired document.txt -md sha256 -nodetach
sign notyet notyet document.txt -md sha256 -nodetach
sign unknown-root unknown document.txt -md sha256 -nodetach
sign no-certs sign-900101300811 document.txt -md sha256 -nodetach -nocerts
sign no-attributes sign-900101300811 document.txt -md sha256 -nodetach -noattr
openssl cms -sign -binary -in cms/document.txt -md sha256 -nodetach -outform DER -out cms/two-signers.p7s \
  -signer pki/sign-900101300811.pem -inkey pki/sign-900101300811.key \
  -signer pki/sign-931002451325.pem -inkey pki/sign-931002451325.key

# Tampering, done on the DER bytes so the structure stays parseable:
# - the attached content: one letter of the document changed ("kandas" -> "kandaS");
perl -0777 -pe 's/for kandas/for kandaS/' cms/rsa-attached.p7s > cms/tampered-content.p7s
# - the signingTime attribute: its tens-of-seconds digit xor 1 (still a valid UTCTime);
perl -0777 -pe 's/(\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x09\x05\x31\x0f\x17\x0d.{10})(.)/$1.chr(ord($2)^1)/se' \
  cms/rsa-attached.p7s > cms/tampered-signing-time.p7s
# - the messageDigest attribute: its last byte flipped;
perl -0777 -pe 's/(\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x09\x04\x31\x22\x04\x20.{31})(.)/$1.chr(ord($2)^0xff)/se' \
  cms/rsa-attached.p7s > cms/tampered-message-digest.p7s
# - GOST 34.310-2004: rsaEncryption (1.2.840.113549.1.1.1) and GOST 34.310-2004 (1.2.398.3.10.1.1.1.2)
#   both encode in 9 bytes, so every occurrence (the signer's key, the SignerInfo's signature algorithm)
#   is swapped in place without changing a length.
perl -0777 -pe 's/\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01/\x06\x09\x2a\x83\x0e\x03\x0a\x01\x01\x01\x02/g' \
  cms/rsa-attached.p7s > cms/gost-2004.p7s
for f in tampered-content tampered-signing-time tampered-message-digest gost-2004; do
  if cmp -s cms/$f.p7s cms/rsa-attached.p7s; then echo "tampering $f changed nothing" >&2; exit 1; fi
done

for c in pki/*.pem; do openssl x509 -in "$c" -outform DER -out "${c%.pem}.der"; done
make_ocsp
make_tsp
rm -rf work
echo "corpus made at $(cat made-at.txt)"
