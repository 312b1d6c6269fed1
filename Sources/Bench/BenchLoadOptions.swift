import ArgumentParser
import CommandSupport

/// The load of a pipeline benchmark (`bench queue`, `bench http`): how many jobs, how many at
/// once, and whether to print JSON.
package struct BenchLoadOptions: ParsableArguments {
    package init() {}

    @Option(help: "Jobs to run.")
    var jobs: Int = 20_000

    @Option(help: "Jobs the pool runs at once.")
    var concurrency: Int = 50

    @OptionGroup var output: JSONOutputOption

    package func validate() throws {
        try UsageError.checking {
            try UsageError.check("--jobs", jobs, in: 100...10_000_000)
            try UsageError.check("--concurrency", concurrency, in: 1...1_000)
        }
    }
}
