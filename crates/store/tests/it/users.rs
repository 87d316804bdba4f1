//! Accounts, sessions, one-time codes, the audit trail and the development SMS inbox.

use kandas_app::Role;
use kandas_app::ports::store::prelude::*;
use kandas_app::ports::store::{
    AccountChange, AccountQuery, AuditQuery, Challenge, DevSms, JobKind, NewSession, Purpose,
    StoreError, User,
};
use kandas_domain::ids::UserId;
use kandas_domain::phone::PhoneNumber;
use kandas_store::SqlStore;

use crate::harness::{app_id, audit, draft, iin, office, t};

conformance!(
    users_are_unique_per_iin,
    sessions_end_when_they_expire,
    account_changes_are_audited_and_end_sessions,
    challenge_tries_count_down_to_zero_and_codes_are_single_use,
    concurrent_guesses_get_no_more_tries_than_there_are,
    challenges_are_counted_for_rate_limits,
    the_latest_sign_challenge_is_found_by_application,
    audit_trail_is_filtered_and_newest_first,
    dev_sms_inbox_is_newest_first,
);

pub(crate) fn user(n: u32, who: usize) -> User {
    User {
        id: UserId::parse(&format!("00000000-0000-4000-9000-{n:012}")).unwrap(),
        iin: iin(who),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        roles: vec![Role::Applicant, Role::Officer],
        office: Some(office("astana")),
        created_at: t("2026-11-23T05:00:00.123456789Z"),
        disabled_at: None,
        reset_requested_at: None,
    }
}

async fn users_are_unique_per_iin(s: &SqlStore) {
    let u = user(1, 0);
    let a = audit("auth.register", u.created_at, Some(u.iin.clone()), None);
    s.create_user(&u, &a).await.unwrap();
    assert_eq!(s.user_by_iin(&u.iin).await.unwrap(), Some(u.clone()));
    assert_eq!(s.user_by_iin(&iin(1)).await.unwrap(), None);
    let again = User {
        id: UserId::parse("00000000-0000-4000-9000-000000000002").unwrap(),
        ..u.clone()
    };
    assert!(matches!(
        s.create_user(&again, &a).await,
        Err(StoreError::Duplicate("user"))
    ));
    // The failed attempt wrote no audit row either.
    let trail = s
        .audit_trail(&AuditQuery {
            subject: Some(u.iin.clone()),
            application: None,
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(trail.len(), 1);
    s.ping().await.unwrap();
}

async fn sessions_end_when_they_expire(s: &SqlStore) {
    let u = user(1, 0);
    s.create_user(&u, &audit("auth.register", u.created_at, None, None))
        .await
        .unwrap();
    let session = NewSession {
        token_hash: "ab".repeat(32),
        user: u.id.clone(),
        created_at: t("2026-11-23T05:00:00Z"),
        expires_at: t("2026-11-23T06:00:00Z"),
    };
    s.create_session(&session).await.unwrap();
    let hash = session.token_hash.as_str();
    let opened = t("2026-11-23T05:00:00Z");
    let live = |at: &str| (t(at), t("2026-11-23T04:59:59Z"));
    let (at, idle) = live("2026-11-23T05:59:59.9Z");
    let found = s.session_user(hash, at, idle).await.unwrap();
    assert_eq!(found.as_ref().map(|l| &l.user), Some(&u));
    assert_eq!(found.map(|l| l.last_seen), Some(opened));
    let (at, idle) = live("2026-11-23T06:00:00Z");
    assert_eq!(s.session_user(hash, at, idle).await.unwrap(), None);
    let (at, idle) = live("2026-11-23T05:10:00Z");
    assert_eq!(s.session_user("cd", at, idle).await.unwrap(), None);
    // Idle since before it was last used: it ends; a use moves the idle time on.
    let (at, _) = live("2026-11-23T05:40:00Z");
    let idle = t("2026-11-23T05:10:00Z");
    assert_eq!(s.session_user(hash, at, idle).await.unwrap(), None);
    s.touch_session(hash, t("2026-11-23T05:20:00Z"))
        .await
        .unwrap();
    let found = s.session_user(hash, at, idle).await.unwrap();
    assert_eq!(found.map(|l| l.last_seen), Some(t("2026-11-23T05:20:00Z")));
    s.delete_session(hash).await.unwrap();
    let (at, idle) = live("2026-11-23T05:10:00Z");
    assert_eq!(s.session_user(hash, at, idle).await.unwrap(), None);
    // A session of no user is refused by the foreign key.
    let orphan = NewSession {
        token_hash: "ef".into(),
        user: UserId::parse("00000000-0000-4000-9000-000000000099").unwrap(),
        ..session
    };
    assert!(s.create_session(&orphan).await.is_err());
}

pub(crate) fn challenge(id: &str, who: usize, ip: &str, at: &str, purpose: Purpose) -> Challenge {
    let created_at = t(at);
    Challenge {
        id: id.into(),
        iin: iin(who),
        purpose,
        code_hash: "00ff".into(),
        phone: PhoneNumber::parse("+77011234567").unwrap(),
        ip: ip.into(),
        created_at,
        expires_at: created_at
            .checked_add(jiff::SignedDuration::from_mins(5))
            .unwrap(),
        attempts_left: 3,
        consumed_at: None,
    }
}

pub(crate) fn sms() -> JobKind {
    JobKind::Sms {
        phone: PhoneNumber::parse("+77011234567").unwrap(),
        text: "code 123456".into(),
        application: None,
        expires_at: None,
    }
}

async fn challenge_tries_count_down_to_zero_and_codes_are_single_use(s: &SqlStore) {
    let c = challenge(
        "ch-1",
        0,
        "10.0.0.1",
        "2026-11-23T05:00:00Z",
        Purpose::Register {
            password_hash: "$argon2id$x".into(),
        },
    );
    s.create_challenge(&c, &sms()).await.unwrap();
    assert_eq!(
        s.pending_jobs().await.unwrap(),
        1,
        "the SMS is enqueued with the challenge"
    );
    assert_eq!(s.challenge("ch-1").await.unwrap(), Some(c.clone()));
    assert_eq!(s.challenge("nope").await.unwrap(), None);
    let now = t("2026-11-23T05:00:30Z");
    assert_eq!(s.take_try("ch-1", now).await.unwrap(), Some(2));
    assert_eq!(s.take_try("ch-1", now).await.unwrap(), Some(1));
    assert_eq!(s.take_try("ch-1", now).await.unwrap(), Some(0));
    assert_eq!(
        s.take_try("ch-1", now).await.unwrap(),
        None,
        "no try is left"
    );
    assert_eq!(s.take_try("nope", now).await.unwrap(), None);
    let at = t("2026-11-23T05:01:00Z");
    assert!(s.consume_challenge("ch-1", at).await.unwrap());
    assert!(
        !s.consume_challenge("ch-1", at).await.unwrap(),
        "single use"
    );
    assert_eq!(
        s.challenge("ch-1").await.unwrap().unwrap().consumed_at,
        Some(at)
    );
    // A duplicate id writes neither the challenge nor its SMS.
    assert!(s.create_challenge(&c, &sms()).await.is_err());
    assert_eq!(s.pending_jobs().await.unwrap(), 1);
}

async fn concurrent_guesses_get_no_more_tries_than_there_are(s: &SqlStore) {
    let c = challenge(
        "ch-9",
        0,
        "10.0.0.1",
        "2026-11-23T05:00:00Z",
        Purpose::Login,
    );
    s.create_challenge(&c, &sms()).await.unwrap();
    let now = t("2026-11-23T05:01:00Z");
    let guesses = (0..100).map(|_| {
        let s = s.clone();
        tokio::spawn(async move { s.take_try("ch-9", now).await.unwrap() })
    });
    let mut granted = 0;
    for guess in guesses.collect::<Vec<_>>() {
        if guess.await.unwrap().is_some() {
            granted += 1;
        }
    }
    assert_eq!(granted, 3, "100 concurrent guesses, 3 tries");
    // Neither an expired challenge nor a used one gives a try.
    let late = challenge(
        "ch-10",
        0,
        "10.0.0.1",
        "2026-11-23T05:00:00Z",
        Purpose::Login,
    );
    s.create_challenge(&late, &sms()).await.unwrap();
    assert_eq!(
        s.take_try("ch-10", t("2026-11-23T05:05:00Z"))
            .await
            .unwrap(),
        None
    );
    let used = challenge(
        "ch-11",
        0,
        "10.0.0.1",
        "2026-11-23T05:00:00Z",
        Purpose::Login,
    );
    s.create_challenge(&used, &sms()).await.unwrap();
    assert!(s.consume_challenge("ch-11", now).await.unwrap());
    assert_eq!(s.take_try("ch-11", now).await.unwrap(), None);
}

async fn challenges_are_counted_for_rate_limits(s: &SqlStore) {
    let login = || Purpose::Login;
    for (id, who, ip, at) in [
        ("a", 0, "10.0.0.1", "2026-11-23T04:00:00Z"),
        ("b", 0, "10.0.0.1", "2026-11-23T05:00:00Z"),
        ("c", 0, "10.0.0.2", "2026-11-23T05:05:00Z"),
        ("d", 1, "10.0.0.1", "2026-11-23T05:06:00Z"),
    ] {
        s.create_challenge(&challenge(id, who, ip, at, login()), &sms())
            .await
            .unwrap();
    }
    let since = t("2026-11-23T04:30:00Z");
    assert_eq!(
        s.recent_challenges(&iin(0), "10.0.0.1", since)
            .await
            .unwrap(),
        (2, 2)
    );
    assert_eq!(
        s.recent_challenges(&iin(1), "10.0.0.2", since)
            .await
            .unwrap(),
        (1, 1)
    );
    assert_eq!(
        s.recent_challenges(&iin(2), "10.9.9.9", since)
            .await
            .unwrap(),
        (0, 0)
    );
    let since = t("2026-11-23T05:00:00Z");
    assert_eq!(
        s.recent_challenges(&iin(0), "10.0.0.1", since)
            .await
            .unwrap(),
        (2, 2)
    );
}

async fn the_latest_sign_challenge_is_found_by_application(s: &SqlStore) {
    let at = t("2026-11-23T05:00:00Z");
    s.create_draft(&draft(1, iin(0), None, at)).await.unwrap();
    let sign = |n: u32| Purpose::Sign {
        application: app_id(n),
        document_sha256: "aa".into(),
    };
    for (id, at) in [
        ("s1", "2026-11-23T05:00:00Z"),
        ("s2", "2026-11-23T05:02:00Z"),
    ] {
        s.create_challenge(&challenge(id, 0, "10.0.0.1", at, sign(1)), &sms())
            .await
            .unwrap();
    }
    s.create_challenge(
        &challenge("l1", 0, "10.0.0.1", "2026-11-23T05:03:00Z", Purpose::Login),
        &sms(),
    )
    .await
    .unwrap();
    let latest = s.latest_sign_challenge(&app_id(1)).await.unwrap().unwrap();
    assert_eq!(latest.id, "s2");
    assert_eq!(latest.purpose, sign(1));
    assert_eq!(s.latest_sign_challenge(&app_id(2)).await.unwrap(), None);
}

async fn audit_trail_is_filtered_and_newest_first(s: &SqlStore) {
    let mut rec = audit(
        "staff.read-case",
        t("2026-11-23T05:00:00Z"),
        Some(iin(0)),
        Some(app_id(1)),
    );
    rec.actor = Some(UserId::parse("00000000-0000-4000-9000-000000000001").unwrap());
    rec.role = Some(Role::Officer);
    s.audit(&rec).await.unwrap();
    let later = audit("auth.login", t("2026-11-23T06:00:00Z"), Some(iin(0)), None);
    s.audit(&later).await.unwrap();
    s.audit(&audit(
        "auth.login",
        t("2026-11-23T07:00:00Z"),
        Some(iin(1)),
        None,
    ))
    .await
    .unwrap();
    s.audit(&audit(
        "access.refused",
        t("2026-11-23T08:00:00Z"),
        None,
        None,
    ))
    .await
    .unwrap();

    let q = |subject, application, limit| AuditQuery {
        subject,
        application,
        limit,
        ..Default::default()
    };
    let all = s.audit_trail(&q(None, None, 100)).await.unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].action.code(), "access.refused");
    let mine = s.audit_trail(&q(Some(iin(0)), None, 100)).await.unwrap();
    assert_eq!(mine, vec![later.clone(), rec.clone()]);
    assert_eq!(
        s.audit_trail(&q(Some(iin(0)), None, 1)).await.unwrap(),
        vec![later]
    );
    assert_eq!(
        s.audit_trail(&q(None, Some(app_id(1)), 10)).await.unwrap(),
        vec![rec.clone()]
    );
    assert_eq!(
        s.audit_trail(&q(Some(iin(0)), Some(app_id(1)), 10))
            .await
            .unwrap(),
        vec![rec]
    );
    assert!(
        s.audit_trail(&q(Some(iin(1)), Some(app_id(1)), 10))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn dev_sms_inbox_is_newest_first(s: &SqlStore) {
    let first = DevSms {
        id: "job-1".into(),
        phone: "+77011234567".into(),
        text: "one".into(),
        sent_at: t("2026-11-23T05:00:00Z"),
    };
    let second = DevSms {
        id: "job-2".into(),
        text: "two".into(),
        sent_at: t("2026-11-23T05:01:00Z"),
        ..first.clone()
    };
    s.record_dev_sms(&first).await.unwrap();
    s.record_dev_sms(&second).await.unwrap();
    // The same message again (an attempt repeated after a lost answer) is kept once.
    let again = DevSms {
        sent_at: t("2026-11-23T05:02:00Z"),
        ..second.clone()
    };
    s.record_dev_sms(&again).await.unwrap();
    assert_eq!(s.dev_sms().await.unwrap(), vec![second, first]);
}

async fn account_changes_are_audited_and_end_sessions(s: &SqlStore) {
    let u = user(1, 0);
    s.create_user(&u, &audit("user.add", u.created_at, None, None))
        .await
        .unwrap();
    let at = t("2026-11-23T05:00:00Z");
    let open = |n: &str| NewSession {
        token_hash: n.repeat(32),
        user: u.id.clone(),
        created_at: at,
        expires_at: t("2026-11-23T13:00:00Z"),
    };
    s.create_session(&open("ab")).await.unwrap();
    s.create_session(&open("cd")).await.unwrap();
    assert_eq!(s.session_count(&u.id, at).await.unwrap(), 2);
    let now = t("2026-11-23T06:00:00Z");
    let change =
        |c: AccountChange, action: &str| (c, audit(action, now, Some(u.iin.clone()), None));

    // Disabled: the session check refuses the account and its sessions are gone.
    let (c, a) = change(AccountChange::Disable { at: now }, "user.disable");
    assert!(s.change_account(&u.id, &c, &a, &[]).await.unwrap());
    assert_eq!(s.session_count(&u.id, at).await.unwrap(), 0);
    let disabled = s.user_by_id(&u.id).await.unwrap().unwrap();
    assert_eq!(disabled.disabled_at, Some(now));
    s.create_session(&open("ef")).await.unwrap();
    let hash = "ef".repeat(32);
    let idle = t("2026-11-23T04:00:00Z");
    assert_eq!(s.session_user(&hash, now, idle).await.unwrap(), None);
    let (c, a) = change(AccountChange::Enable, "user.enable");
    assert!(s.change_account(&u.id, &c, &a, &[]).await.unwrap());
    assert!(s.session_user(&hash, now, idle).await.unwrap().is_some());

    // Roles and office; the list of staff finds the account, a search by IIN too.
    let roles = vec![Role::Head];
    let (c, a) = change(
        AccountChange::Roles {
            roles: roles.clone(),
            office: Some(office("astana")),
        },
        "user.roles",
    );
    assert!(s.change_account(&u.id, &c, &a, &[]).await.unwrap());
    let staff = s
        .accounts(&AccountQuery {
            iin: None,
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(staff.iter().map(|x| &x.roles).collect::<Vec<_>>(), [&roles]);
    let found = s
        .accounts(&AccountQuery {
            iin: Some(u.iin.clone()),
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);

    // A reset: no password verifies, the sessions end, the SMS is queued; a new one clears it.
    let sms = JobKind::Sms {
        phone: PhoneNumber::parse("+77010000001").unwrap(),
        text: "reset".into(),
        application: None,
        expires_at: None,
    };
    let (c, a) = change(
        AccountChange::RequestReset { at: now },
        "user.reset-password",
    );
    assert!(s.change_account(&u.id, &c, &a, &[sms]).await.unwrap());
    let reset = s.user_by_id(&u.id).await.unwrap().unwrap();
    assert_eq!(reset.reset_requested_at, Some(now));
    assert!(!reset.password_hash.starts_with('$'));
    assert_eq!(s.session_count(&u.id, at).await.unwrap(), 0);
    let hash_set = "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3".to_owned();
    let (c, a) = change(
        AccountChange::SetPassword {
            password_hash: hash_set.clone(),
        },
        "auth.password-set",
    );
    assert!(s.change_account(&u.id, &c, &a, &[]).await.unwrap());
    let set = s.user_by_id(&u.id).await.unwrap().unwrap();
    assert_eq!(
        (set.password_hash, set.reset_requested_at),
        (hash_set, None)
    );

    // Every change left its audit row; an unknown account is not changed and leaves none.
    let trail = s
        .audit_trail(&AuditQuery {
            subject: Some(u.iin.clone()),
            application: None,
            limit: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(trail.len(), 5);
    let other = UserId::parse("00000000-0000-4000-9000-000000000099").unwrap();
    let (c, a) = change(AccountChange::EndSessions, "user.end-sessions");
    assert!(!s.change_account(&other, &c, &a, &[]).await.unwrap());
}
