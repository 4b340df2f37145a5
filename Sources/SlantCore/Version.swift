/// Slant's own version, recorded in every report so that figures can be reproduced.
public enum SlantVersion {
    public static let current = "0.1.0"
}
