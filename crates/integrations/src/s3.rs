//! The `Files` port on S3-compatible object storage (AWS S3, MinIO, Ceph, a cloud's object
//! store), through `object_store`'s S3 client: every node on the same bucket sees every file.
//! Keys are the port's (`[a-z0-9-]`), under an optional prefix; a put is one PUT request, whole
//! or absent (S3 writes are atomic per object).

use async_trait::async_trait;
use kandas_app::ports::files::{Files, FilesError, checked_key};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ClientOptions, ObjectStore, ObjectStoreExt as _, PutPayload};

/// Where the bucket is and how to sign in to it.
#[derive(Debug, Clone)]
pub struct S3Config {
    /// The service's address (`https://s3.example.kz`); default: AWS's address for `region`.
    pub endpoint: Option<String>,
    /// The bucket.
    pub bucket: String,
    /// The region (`us-east-1` for most S3-compatible servers).
    pub region: String,
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// A prefix for every key (`kandas/`), so that one bucket may hold other things too.
    pub prefix: String,
    /// Timeout of one request, milliseconds.
    pub timeout_ms: u64,
}

/// Files in one S3 bucket.
#[derive(Debug)]
pub struct S3Files {
    bucket: AmazonS3,
    prefix: String,
}

fn failed(what: &'static str, e: object_store::Error) -> FilesError {
    FilesError(Box::new(kandas_app::error::Context::new(what, e)))
}

impl S3Files {
    /// The client for `config` (no request is made yet).
    pub fn new(config: &S3Config) -> Result<S3Files, FilesError> {
        crate::http::install_tls_provider();
        let options = ClientOptions::new()
            .with_timeout(std::time::Duration::from_millis(config.timeout_ms.max(1)))
            .with_allow_http(
                config
                    .endpoint
                    .as_deref()
                    .is_some_and(|e| e.starts_with("http://")),
            );
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key_id)
            .with_secret_access_key(&config.secret_access_key)
            .with_client_options(options);
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        let bucket = builder
            .build()
            .map_err(|e| failed("configuring the S3 bucket", e))?;
        Ok(S3Files {
            bucket,
            prefix: config.prefix.trim_matches('/').to_owned(),
        })
    }

    fn path(&self, key: &str) -> Result<Path, FilesError> {
        let key = checked_key(key)?;
        Ok(if self.prefix.is_empty() {
            Path::from(key)
        } else {
            Path::from(format!("{}/{key}", self.prefix))
        })
    }
}

#[async_trait]
impl Files for S3Files {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), FilesError> {
        let path = self.path(key)?;
        self.bucket
            .put(&path, PutPayload::from(bytes.to_vec()))
            .await
            .map_err(|e| failed("storing a file in S3", e))?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, FilesError> {
        let path = self.path(key)?;
        match self.bucket.get(&path).await {
            Ok(found) => {
                let bytes = found
                    .bytes()
                    .await
                    .map_err(|e| failed("reading a file from S3", e))?;
                Ok(Some(bytes.to_vec()))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(failed("reading a file from S3", e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), FilesError> {
        let path = self.path(key)?;
        match self.bucket.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed("deleting a file from S3", e)),
        }
    }

    /// Every key in the bucket (under the prefix) that names a file of ours.
    async fn keys(&self) -> Result<Vec<String>, FilesError> {
        let prefix = (!self.prefix.is_empty()).then(|| Path::from(self.prefix.as_str()));
        let mut listing = self.bucket.list(prefix.as_ref());
        let mut keys = Vec::new();
        while let Some(object) = futures_util::StreamExt::next(&mut listing).await {
            let object = object.map_err(|e| failed("listing the S3 bucket", e))?;
            if let Some(name) = object.location.filename()
                && kandas_app::ports::files::valid_key(name)
            {
                keys.push(name.to_owned());
            }
        }
        keys.sort();
        Ok(keys)
    }
}
