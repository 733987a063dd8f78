/// Text from files and data (names, paths, values, commit subjects) placed in GitHub-flavoured
/// markdown: a pull-request comment, a hover, an account document.
///
/// Whatever the text holds, it reads back as itself and nothing more: no element (`<img>`,
/// `</details>`), link, heading, fence, table cell, mention (`@team`) or issue reference (`#12`)
/// comes from it. Line breaks become spaces; other control characters are shown as `\u{1B}`.
public enum Markdown {
    /// `text` as literal prose: markdown punctuation escaped with a backslash, a word joiner
    /// (U+2060) after `@` and `#` so GitHub links no mention or reference.
    public static func text(_ text: String) -> String {
        var result = ""
        for scalar in visible(text).unicodeScalars {
            if escaped.contains(scalar) { result += "\\" }
            result.unicodeScalars.append(scalar)
            if scalar == "@" || scalar == "#" { result += "\u{2060}" }
        }
        return result
    }

    /// `text` in a code span, its fence longer than any run of backticks in it; `inTable`: `|`
    /// escaped, which GitHub reads as a cell's end even inside a code span. Empty text stays empty.
    public static func code(_ text: String, inTable: Bool = false) -> String {
        var body = visible(text)
        guard !body.isEmpty else { return "" }
        if inTable { body = body.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: body) + 1)
        // A span that starts or ends with a backtick (or is all spaces) needs a space inside its
        // fence. Scalars, not characters: a backtick followed by a combining mark is still one.
        let scalars = body.unicodeScalars
        let padded = scalars.first == "`" || scalars.last == "`" || scalars.allSatisfy({ $0 == " " }) ? " \(body) " : body
        return fence + padded + fence
    }

    /// A fenced code block holding `text` (lines kept), its fence longer than any run of
    /// backticks in the text, so no line of it can close the block.
    public static func fence(_ text: String, info: String = "") -> String {
        // Lines end at `\n`, `\r\n` and a lone `\r`, as CommonMark reads them.
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in text.unicodeScalars {
            defer { afterReturn = scalar == "\r" }
            if scalar == "\n", afterReturn { continue }
            if scalar == "\n" || scalar == "\r" {
                lines.append(visible(String(line)))
                line = String.UnicodeScalarView()
            } else {
                line.append(scalar)
            }
        }
        lines.append(visible(String(line)))
        let body = lines.joined(separator: "\n")
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
        return "\(fence)\(visible(info))\n\(body)\n\(fence)"
    }

    /// How many characters GitHub counts in a comment: Unicode scalars (not grapheme clusters,
    /// which an accent stacked a thousand times makes one).
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// ASCII punctuation with a meaning in GitHub-flavoured markdown (`:` starts autolinks and
    /// emoji, `$` math, `&` entities).
    private static let escaped = Set("\\`*_{}[]()<>#+-.!|~&:$".unicodeScalars)

    /// Line breaks as spaces and control characters as `\u{1B}`.
    private static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isLineBreak($0) || isControl($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isLineBreak(scalar) {
                result += " "
            } else if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{0B}" || scalar == "\u{0C}"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for scalar in text.unicodeScalars {
            current = Character(scalar) == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
