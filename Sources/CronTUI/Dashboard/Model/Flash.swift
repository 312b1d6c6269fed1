import Foundation

/// A short message on the right of the footer that clears itself.
struct Flash: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case info
        case success
        case failure
    }

    var text: String
    var kind: Kind
    var until: Date
}
