/// `ttdn stats` as text: counts by province and year, and by kind, in one pass over the rows.
/// It reads only isMeeting, year, province and kind, so light records from the index will do.
public enum StatsReport {
    /// `shown`: the meetings the filter keeps (reports that are not meetings included, said apart);
    /// `total`: meeting reports in the whole corpus; `format`: table, json or csv.
    public static func render(shown: [Meeting], total: Int, filter: MeetingFilter, format: String) -> String {
        render(groups: groups(shown), total: total, filter: filter, format: format)
    }

    /// Meetings alike in all a report reads (province, year, kind, isMeeting), one record and a count each.
    public struct GroupKey: Hashable, Sendable {
        public var province: String?, year: Int, kind: MeetingKind, isMeeting: Bool
        public init(province: String?, year: Int, kind: MeetingKind, isMeeting: Bool) {
            self.province = province; self.year = year; self.kind = kind; self.isMeeting = isMeeting
        }
        /// A record with just these fields, standing for the group.
        public var record: Meeting {
            var m = Meeting(id: "", file: "", title: "")
            m.province = province
            if year > 0 { m.date = MeetingDate(year: year) }
            m.kind = kind
            m.isMeeting = isMeeting
            return m
        }
    }

    public static func groups(_ meetings: [Meeting]) -> [(record: Meeting, count: Int)] {
        var n: [GroupKey: Int] = [:]
        for m in meetings { n[GroupKey(province: m.province, year: m.year ?? 0, kind: m.kind, isMeeting: m.isMeeting), default: 0] += 1 }
        return n.map { ($0.key.record, $0.value) }
    }

    /// As `render(shown:…)`, from groups (`groups(_:)`, or counted by the index without a record per meeting).
    public static func render(groups all: [(record: Meeting, count: Int)], total: Int, filter: MeetingFilter, format: String) -> String {
        let groups = all.filter(\.record.isMeeting)
        let rowCount = groups.reduce(0) { $0 + $1.count }
        let notMeetings = all.reduce(0) { $0 + $1.count } - rowCount
        var plain = MeetingFilter()
        plain.map = filter.map
        let provinces = VietCollation.sorted(Stats.counts(groups: groups, facet: .province, filter: plain)) { $0.value.isEmpty ? "\u{10FFFF}" : $0.label }
        var cell: [String: [Int: Int]] = [:]
        var yearSet = Set<Int>()
        for (m, n) in groups {
            let y = m.year ?? 0
            yearSet.insert(y)
            cell[filter.province(of: m) ?? "", default: [:]][y, default: 0] += n
        }
        let years = yearSet.sorted { ($0 == 0 ? 9999 : $0) < ($1 == 0 ? 9999 : $1) }
        let kinds = Stats.counts(groups: groups, facet: .kind, filter: MeetingFilter())
        switch format {
        case "json":
            func yearKey(_ y: Int) -> String { y == 0 ? "undated" : String(y) }
            var out = "{\n  \"meetings\": \(rowCount),\n  \"meetings_in_corpus\": \(total),\n  \"not_meetings\": \(notMeetings),\n"
            out += "  \"map\": \(Export.str(filter.map == .y2025 ? "2025" : "then")),\n  \"by_province\": [\n"
            out += provinces.map { pc in
                let ys = years.compactMap { y in cell[pc.value]?[y].map { "\(Export.str(yearKey(y))): \($0)" } }.joined(separator: ", ")
                return "    {\"province\": \(pc.value.isEmpty ? "null" : Export.str(pc.value)), \"total\": \(pc.count), \"years\": {\(ys)}}"
            }.joined(separator: ",\n")
            out += "\n  ],\n  \"by_kind\": {" + kinds.map { "\(Export.str($0.value)): \($0.count)" }.joined(separator: ", ") + "}\n}\n"
            return out
        case "csv":
            var out = "province," + years.map { $0 == 0 ? "undated" : String($0) }.joined(separator: ",") + (years.isEmpty ? "" : ",") + "total\r\n"
            for pc in provinces {
                out += Export.csvField(pc.value) + "," + years.map { String(cell[pc.value]?[$0] ?? 0) }.joined(separator: ",") + (years.isEmpty ? "" : ",") + String(pc.count) + "\r\n"
            }
            return out
        default:
            var out = "Meetings: \(rowCount) of \(total)" + (notMeetings > 0 ? " (\(notMeetings) other report\(notMeetings == 1 ? " is" : "s are") not meetings)" : "") + "\n"
            if rowCount == 0 { return out }
            out += "\nBy province\(filter.map == .y2025 ? " (2025 map)" : "") and year\n"
            let head = DisplayWidth.fit("PROVINCE", 22) + years.map { DisplayWidth.fit($0 == 0 ? " ?" : String($0), 6) }.joined() + "TOTAL"
            out += head + "\n"
            for pc in provinces {
                var line = DisplayWidth.fit(pc.label, 22)
                for y in years {
                    let n = cell[pc.value]?[y] ?? 0
                    line += DisplayWidth.fit(n == 0 ? "·" : String(n), 6)
                }
                out += line + String(pc.count) + "\n"
            }
            out += "\nBy kind\n"
            for kc in kinds { out += DisplayWidth.fit(kc.label, 22) + String(kc.count) + "\n" }
            return out
        }
    }
}
