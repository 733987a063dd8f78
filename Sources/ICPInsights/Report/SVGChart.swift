import ICPLanguage
import ICPEngine
/// The pieces of the report's charts: inline SVG drawn in greys, black and hatching, so a chart
/// reads the same printed in black and white. Every chart carries a `<title>` and a `<desc>`
/// for screen readers; axis tick labels have class `tick` (they are scale, not figures).
enum SVGChart {
    /// One `<svg>` element: `kind` and `icp` name it for tests and style sheets.
    static func frame(id: String, kind: String, icp: String, title: String, description: String, width: Int, height: Int, body: [String]) -> String {
        let hatch = """
            <defs><pattern id="\(id)-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern></defs>
            """
        return """
            <figure class="chart"><svg id="\(id)" data-chart="\(kind)" data-icp="\(HTML.escape(icp))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)">
            <title id="\(id)-title">\(HTML.escape(title))</title>
            <desc id="\(id)-desc">\(HTML.escape(description))</desc>
            \(hatch)
            <text x="0" y="16" class="chart-title">\(HTML.escape(title))</text>
            \(body.joined(separator: "\n"))
            </svg></figure>
            """
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", className: String? = nil) -> String {
        let classAttribute = className.map { " class=\"\($0)\"" } ?? ""
        return "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\"\(classAttribute)>\(HTML.escape(content))</text>"
    }

    /// A filled rectangle; `style`: `solid` (black), `light` (grey), `hatch` (the chart's
    /// pattern) or `outline` (no fill, dashed border).
    static func rect(x: Double, y: Double, width: Double, height: Double, style: String, chart id: String) -> String {
        let paint = switch style {
        case "solid": "fill=\"#222\""
        case "hatch": "fill=\"url(#\(id)-hatch)\" stroke=\"#000\""
        case "outline": "fill=\"none\" stroke=\"#000\" stroke-dasharray=\"4 3\""
        default: "fill=\"#c8c8c8\" stroke=\"#555\""
        }
        return "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(width, 0)))\" height=\"\(number(max(height, 0)))\" \(paint)/>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, dash: String? = nil, width: Double = 1) -> String {
        let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        return "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"#000\" stroke-width=\"\(number(width))\"\(dashAttribute)/>"
    }

    static func polyline(_ points: [(Double, Double)], dash: String? = nil, width: Double = 2, color: String = "#000") -> String {
        let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let list = points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
        return "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(number(width))\"\(dashAttribute)/>"
    }

    /// A legend entry: a swatch of `style` and its label.
    static func legend(_ label: String, style: String, x: Double, y: Double, chart id: String) -> String {
        rect(x: x, y: y - 10, width: 14, height: 12, style: style, chart: id) + text(label, x: x + 20, y: y)
    }

    /// How wide `content` draws at `size` pixels, erring wide: per character, the advance of the
    /// broadest common sans-serif (Arial, Helvetica, DejaVu Sans, Roboto) for its kind, so that
    /// labels placed by it never overlap in whichever of them the reader's browser picks.
    static func textWidth(_ content: String, size: Double = 12) -> Double {
        let em = content.unicodeScalars.reduce(0.0) { sum, scalar in
            let advance: Double = switch scalar {
            case " ": 0.32
            case "i", "j", "l", "I", "!", "|", ".", ",", ":", ";", "'": 0.3
            case "f", "t", "r", "(", ")", "[", "]", "-", "/": 0.4
            case "m", "w", "M", "W", "@", "%": 0.95
            case "0"..."9", "a"..."z", "$", "+", "=", "<", ">", "·": 0.64
            case "A"..."Z", "&", "#": 0.74
            default: scalar.properties.isEmojiPresentation || scalar.value >= 0x1100 ? 1.0 : 0.7
            }
            return sum + advance
        }
        return em * size
    }

    /// Coordinates with at most two decimals, so the page stays small and stable.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Text made safe for HTML content and attribute values.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A message written for a terminal or markdown, for a page: escaped, its `code spans` as
    /// `<code>` elements rather than literal backticks; an unpaired backtick stays as written.
    static func prose(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        // With an odd number of backticks, the last one has no partner: its piece is plain text.
        let unpaired = parts.count % 2 == 0 ? parts.count - 1 : -1
        var result = ""
        for (index, part) in parts.enumerated() {
            if index == unpaired {
                result += "`" + escape(String(part))
            } else if index % 2 == 1 {
                result += "<code>\(escape(String(part)))</code>"
            } else {
                result += escape(String(part))
            }
        }
        return result
    }
}
