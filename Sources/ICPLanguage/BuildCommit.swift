/// The commit a release binary was built from. `Scripts/release.sh` writes it here for the
/// build and puts this file back afterwards; in the repository it is always nil.
enum BuildCommit {
    static let hash: String? = nil
}
