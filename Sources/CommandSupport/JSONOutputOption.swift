import ArgumentParser

/// `--json`: the flag of the commands that print one JSON object instead of text.
package struct JSONOutputOption: ParsableArguments {
    package init() {}

    @Flag(help: "Print one JSON object.")
    package var json = false
}
