//! The UI's TypeScript bindings must be the ones the Rust types generate today.

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/bindings.ts");
    let generated = kso_desk::api::typescript();
    if std::env::var_os("KSO_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is out of date: run `KSO_UPDATE_BINDINGS=1 cargo test -p kso-desk --test bindings`",
        path.display()
    );
}
