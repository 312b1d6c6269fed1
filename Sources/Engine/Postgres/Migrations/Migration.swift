/// One step of the PostgreSQL schema.
///
/// A migration is applied once, in a transaction of its own, and recorded in
/// `schema_migrations`. Published migrations never change: later work appends new ones.
public struct Migration: Hashable, Sendable {
    /// Position in the sequence, from 1, without gaps.
    public var version: Int
    /// A short description, recorded with the version.
    public var name: String
    /// The statements, run in order (each one statement: the extended protocol takes no lists).
    public var statements: [String]
}
