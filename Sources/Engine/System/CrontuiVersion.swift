/// The version of crontui, shown by `crontui --version` and sent as `User-Agent: crontui/<version>`.
public enum CrontuiVersion {
    /// Semantic version string.
    public static let string = "0.1.0"
}
