import Foundation
import SlantCore
import SlantMeasure

/// The inline SVG charts of `index.html`. Every chart sizes itself to the width of the
/// page: positions along the value axis are percentages, so marks stay round and text
/// keeps its size on a phone. Labels that need room are HTML beside the SVG, not in it.
enum HTMLCharts {
    /// A number for an SVG attribute ("12.5").
    static func coordinate(_ value: Double) -> String {
        String(format: "%.2f", min(max(value, -1000), 1000))
    }

    /// A horizontal stacked bar of shares (each 0…1), with a tooltip per segment.
    static func stackedBar(_ segments: [(share: Double, color: String, title: String)], height: Int) -> String {
        var svg = "<svg class=\"stack\" width=\"100%\" height=\"\(height)\" role=\"img\" aria-label=\"\(Escaping.html(segments.map(\.title).joined(separator: "; ")))\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#eef0f4\"/>"
        var offset = 0.0
        for segment in segments where segment.share > 0 {
            svg += "<rect x=\"\(coordinate(offset * 100))%\" y=\"0\" width=\"\(coordinate(segment.share * 100))%\" height=\"100%\" fill=\"\(segment.color)\" stroke=\"#fff\" stroke-width=\"1\"><title>\(Escaping.html(segment.title))</title></rect>"
            offset += segment.share
        }
        return svg + "</svg>"
    }

    /// One mark of a dot plot: a value, its interval if any, and how to draw it.
    struct Mark {
        var value: Double
        var interval: Interval?
        var style: Style
        var title: String

        enum Style {
            /// A filled dark circle with whiskers: the outlet's own voice.
            case primary
            /// A blue circle: headlines.
            case headline
            /// A hollow circle: quotations.
            case hollow
            /// A small grey circle: reported speech or comments.
            case secondary
        }
    }

    /// A row of a dot plot over `domain`, with a reference line at `reference` (e.g. 0).
    static func dotRow(_ marks: [Mark], domain: ClosedRange<Double>, reference: Double?) -> String {
        let span = domain.upperBound - domain.lowerBound
        func x(_ value: Double) -> String {
            coordinate(span > 0 ? (min(max(value, domain.lowerBound), domain.upperBound) - domain.lowerBound) / span * 100 : 50)
        }
        var svg = "<svg class=\"dots\" width=\"100%\" height=\"26\" role=\"img\" aria-label=\"\(Escaping.html(marks.map(\.title).joined(separator: "; ")))\">"
        svg += "<line x1=\"0\" x2=\"100%\" y1=\"13\" y2=\"13\" stroke=\"#dde1e8\"/>"
        if let reference {
            svg += "<line x1=\"\(x(reference))%\" x2=\"\(x(reference))%\" y1=\"2\" y2=\"24\" stroke=\"#9aa3b2\" stroke-dasharray=\"2 2\"/>"
        }
        for mark in marks.sorted(by: { order($0.style) < order($1.style) }) {
            if let interval = mark.interval {
                let stroke = mark.style == .primary ? "#1d2330" : "#8a93a3"
                svg += "<line x1=\"\(x(interval.lower))%\" x2=\"\(x(interval.upper))%\" y1=\"13\" y2=\"13\" stroke=\"\(stroke)\" stroke-width=\"2\"/>"
                svg += "<line x1=\"\(x(interval.lower))%\" x2=\"\(x(interval.lower))%\" y1=\"8\" y2=\"18\" stroke=\"\(stroke)\" stroke-width=\"2\"/>"
                svg += "<line x1=\"\(x(interval.upper))%\" x2=\"\(x(interval.upper))%\" y1=\"8\" y2=\"18\" stroke=\"\(stroke)\" stroke-width=\"2\"/>"
            }
            let shape: String
            switch mark.style {
            case .primary: shape = "r=\"6\" fill=\"#1d2330\""
            case .headline: shape = "r=\"5\" fill=\"#1f5fa8\" stroke=\"#fff\" stroke-width=\"1\""
            case .hollow: shape = "r=\"5\" fill=\"#fff\" stroke=\"#b35c00\" stroke-width=\"2\""
            case .secondary: shape = "r=\"4\" fill=\"#8a93a3\""
            }
            svg += "<circle cx=\"\(x(mark.value))%\" cy=\"13\" \(shape)><title>\(Escaping.html(mark.title))</title></circle>"
        }
        return svg + "</svg>"
    }

    private static func order(_ style: Mark.Style) -> Int {
        switch style {
        case .secondary: 0
        case .hollow: 1
        case .headline: 2
        case .primary: 3
        }
    }

    /// The scale under a dot plot: tick labels at percentages of the width.
    static func axis(_ ticks: [(value: Double, label: String)], domain: ClosedRange<Double>) -> String {
        let span = domain.upperBound - domain.lowerBound
        var svg = "<svg class=\"axis\" width=\"100%\" height=\"18\" aria-hidden=\"true\">"
        for tick in ticks {
            let position = span > 0 ? (tick.value - domain.lowerBound) / span * 100 : 50
            let anchor = position < 1 ? "start" : position > 99 ? "end" : "middle"
            svg += "<text x=\"\(coordinate(position))%\" y=\"13\" text-anchor=\"\(anchor)\">\(Escaping.html(tick.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Up to about five round ticks from zero to `maximum`.
    static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0] }
        let rough = maximum / 4
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        let top = (maximum / step).rounded(.up) * step
        return stride(from: 0, through: top + step * 0.001, by: step).map { $0 }
    }

    /// A line chart of one measure by month, one line per outlet (gaps where a month has no figure).
    static func lines(
        _ series: [(outlet: String, color: String, points: [(month: Int, statistic: Statistic)])], months: [String],
        domain: ClosedRange<Double>, ticks: [Double], format: (Double) -> String
    ) -> String {
        let left = 11.0, right = 97.0, top = 6.0, bottom = 84.0
        let span = domain.upperBound - domain.lowerBound
        func x(_ month: Int) -> Double {
            months.count > 1 ? left + Double(month) / Double(months.count - 1) * (right - left) : (left + right) / 2
        }
        func y(_ value: Double) -> Double {
            span > 0 ? bottom - (min(max(value, domain.lowerBound), domain.upperBound) - domain.lowerBound) / span * (bottom - top) : bottom
        }
        var svg = "<svg class=\"series\" width=\"100%\" height=\"260\" role=\"img\" aria-label=\"time series by month\">"
        for tick in ticks {
            let level = coordinate(y(tick))
            svg += "<line x1=\"\(coordinate(left))%\" x2=\"\(coordinate(right))%\" y1=\"\(level)%\" y2=\"\(level)%\" stroke=\"#e6e9ef\"/>"
            svg += "<text x=\"\(coordinate(left - 1))%\" y=\"\(level)%\" dy=\"4\" text-anchor=\"end\">\(Escaping.html(format(tick)))</text>"
        }
        let labelEvery = max(1, Int((Double(months.count) / 6).rounded(.up)))
        for (position, month) in months.enumerated() where position % labelEvery == 0 {
            svg += "<text x=\"\(coordinate(x(position)))%\" y=\"95%\" text-anchor=\"middle\">\(Escaping.html(month))</text>"
        }
        for line in series {
            let points = line.points.compactMap { point in point.statistic.value.map { (point.month, $0, point.statistic) } }
            for (from, to) in zip(points, points.dropFirst()) where to.0 == from.0 + 1 {
                svg += "<line x1=\"\(coordinate(x(from.0)))%\" y1=\"\(coordinate(y(from.1)))%\" x2=\"\(coordinate(x(to.0)))%\" y2=\"\(coordinate(y(to.1)))%\" stroke=\"\(line.color)\" stroke-width=\"2\"/>"
            }
            for point in points {
                let title = "\(line.outlet), \(months[point.0]): \(Figures.value(point.1, unit: point.2.unit))\(point.2.articles > 0 ? " (\(point.2.articles) article\(point.2.articles == 1 ? "" : "s"))" : "")"
                svg += "<circle cx=\"\(coordinate(x(point.0)))%\" cy=\"\(coordinate(y(point.1)))%\" r=\"\(point.2.sufficient ? 4 : 3)\" fill=\"\(point.2.sufficient ? line.color : "#fff")\" stroke=\"\(line.color)\" stroke-width=\"2\"><title>\(Escaping.html(title))</title></circle>"
            }
        }
        return svg + "</svg>"
    }

    /// Colours for the outlets' lines over time: wines, purples, magenta, black and turquoise, chosen to
    /// share no hue with the stance colours of the terminology bars (oranges, blues, greys, browns,
    /// greens; at least 75 apart in RGB from every one of them), so that a line is never read as a side.
    static let outletColors = ["#882255", "#AA4499", "#000000", "#E7298A", "#5E2CA5", "#00CED1", "#CC6677"]

    /// Shades for the terms of one stance of a terminology lexicon: the negative side of its stance
    /// index in oranges, the positive side in blues, its other stances (such as a neutral one) in
    /// greys. A lexicon without a stance index has no sides: its stances get browns, greys and
    /// greens in declared order.
    static func termColor(stance: String, rank: Int, lexicon: LexiconFacts.Lexicon) -> String {
        let oranges = ["#c2610c", "#f0a04b", "#8a3f05", "#f7c58f", "#e07b1a"]
        let blues = ["#1f5fa8", "#5b9bd5", "#123f73", "#a9c8ec", "#3a7cc4"]
        let greys = ["#6b7280", "#9ca3af", "#4b5563", "#c4c9d1", "#374151"]
        let browns = ["#8c6d31", "#bd9e39", "#5e4a1f", "#d6c08a", "#a67c2e"]
        let greens = ["#2e8b57", "#7cc49a", "#1e5e3a", "#b5dfc6", "#4fa874"]
        let palette: [String]
        if let sides = lexicon.stanceIndex {
            palette = stance == sides.negative ? oranges : stance == sides.positive ? blues : greys
        } else {
            let others = [browns, greys, greens]
            palette = others[(lexicon.stances.firstIndex(of: stance) ?? 0) % others.count]
        }
        return palette[rank % palette.count]
    }
}
