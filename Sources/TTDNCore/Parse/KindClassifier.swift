/// The kind of meeting, from what the lead says was organised ("tổ chức hội
/// nghị sơ kết …", "đã có buổi làm việc với Đoàn …"), else from the headline.
/// Body text is not used: a review's closing speech may well mention
/// "tập huấn" without the meeting being a training.
public enum KindClassifier {
    static let cues: [(String, MeetingKind)] = [
        ("tiep va lam viec", .workingSession), ("buoi lam viec", .workingSession), ("lam viec voi", .workingSession),
        ("doan cong tac", .workingSession), ("doan khao sat", .workingSession), ("lam viec tai", .workingSession),
        ("tiep doan", .workingSession), ("doan cong tac lien nganh", .workingSession),
        ("tap huan", .training), ("boi duong kien thuc", .training), ("boi duong nghiep vu", .training),
        ("lop boi duong", .training), ("boi duong ky nang", .training), ("dao tao ky nang", .training),
        ("giao ban", .briefing),
        ("so ket", .midYearReview),
        ("tong ket", .review),
        ("hoi thao", .workshop), ("toa dam", .workshop), ("dien dan", .workshop),
    ]
    static let conference = ["hoi nghi", "phien hop", "cuoc hop", "hop ban chi dao"]
    static let eventVerbs = ["to chuc", "dien ra", "khai mac", "chu tri", "phat dong", "trao giai", "trao tang", "be mac"]

    public static func classify(title: String, lead: String) -> (MeetingKind, Bool) {
        let first = VietFold.foldedString(DateExtractor.firstSentence(lead))
        let head = VietFold.foldedString(title)
        if let k = earliest(in: first) ?? earliest(in: head) ?? earliest(in: VietFold.foldedString(String(lead.prefix(600)))) {
            return (k, true)
        }
        if conference.contains(where: { first.fastContains($0) || head.fastContains($0) }) { return (.otherConference, true) }
        let isEvent = eventVerbs.contains { first.fastContains($0) } && DateExtractor.firstCandidate(in: String(lead.prefix(320))) != nil
        return (.other, isEvent)
    }

    static func earliest(in text: String) -> MeetingKind? {
        var best: (Int, MeetingKind)?
        for (cue, kind) in cues {
            guard let at = text.fastFind(cue) else { continue }
            if best == nil || at < best!.0 { best = (at, kind) }
        }
        return best?.1
    }
}
