/// A list written in one cell as a JSON array (`["Software", "SaaS"]`) or a Python list
/// (`['fintech', 'saas']`), as exports from notebooks and APIs write them (format.md, Lists).
public enum ListLiteral {
    /// The elements of `text` as text (numbers and booleans as written, `null`/`None` left out);
    /// nil when it is not such a list. `[]` is an empty list.
    public static func elements(of text: some StringProtocol) -> [String]? {
        let characters = Array(text.trimmingWhitespace())
        guard characters.count >= 2, characters.first == "[", characters.last == "]" else { return nil }
        var elements: [String] = []
        var index = 1
        let end = characters.count - 1
        func skipSpaces() {
            while index < end, characters[index].isWhitespace { index += 1 }
        }
        skipSpaces()
        if index == end { return [] }
        while index < end {
            skipSpaces()
            guard index < end else { return nil }
            let opening = characters[index]
            if opening == "\"" || opening == "'" {
                var element = ""
                index += 1
                var closed = false
                while index < end {
                    let character = characters[index]
                    if character == "\\", index + 1 < end {
                        let escaped = characters[index + 1]
                        switch escaped {
                        case "n": element.append("\n")
                        case "t": element.append("\t")
                        default: element.append(escaped)
                        }
                        index += 2
                        continue
                    }
                    if character == opening {
                        closed = true
                        index += 1
                        break
                    }
                    element.append(character)
                    index += 1
                }
                guard closed else { return nil }
                elements.append(element)
            } else {
                // A bare number, boolean or null.
                var bare = ""
                while index < end, characters[index] != ",", !characters[index].isWhitespace {
                    bare.append(characters[index])
                    index += 1
                }
                guard !bare.isEmpty else { return nil }
                if ["null", "None"].contains(bare) {
                    // Missing: not an element.
                } else if ["true", "false", "True", "False"].contains(bare) || ScalarReading.number(bare) != nil {
                    elements.append(bare)
                } else {
                    return nil
                }
            }
            skipSpaces()
            if index < end {
                guard characters[index] == "," else { return nil }
                index += 1
                skipSpaces()
            }
        }
        return elements
    }
}
