/// The kind of meeting, from what the sentence that dates the event says was
/// held ("tổ chức hội nghị sơ kết …", "đã có buổi hội đàm với …"), else from
/// the headline and the lead. Cues are scored, not first-matched: a specific
/// kind named in the event's sentence beats a generic "hội nghị", and the
/// event's sentence beats the headline, which beats the rest of the lead.
/// Body text further down is not used: a review's closing speech may well
/// mention "tập huấn" without the meeting being a training.
public enum KindClassifier {
    /// Specific kinds: any of these in a zone outranks the generic cues.
    static let specific: [(String, MeetingKind)] = [
        ("tong ket", .review), ("so ket", .midYearReview), ("giao ban", .briefing),
        ("tap huan", .training), ("boi duong", .training), ("lop dao tao", .training), ("dao tao ky nang", .training),
        ("hoi thao", .workshop), ("toa dam", .workshop), ("dien dan", .workshop),
        ("tiep va lam viec", .workingSession), ("buoi lam viec", .workingSession), ("lam viec voi", .workingSession),
        ("lam viec tai", .workingSession), ("tham va lam viec", .workingSession), ("hoi dam", .workingSession),
        ("tiep doan", .workingSession), ("tiep xa giao", .workingSession), ("chao xa giao", .workingSession),
        ("doan cong tac", .workingSession), ("doan khao sat", .workingSession), ("tham, chuc tet", .workingSession),
        ("tham va chuc tet", .workingSession), ("chuc tet", .workingSession), ("tiep ong", .workingSession), ("tiep ba", .workingSession),
        ("da tiep", .workingSession), ("tiep ngai", .workingSession), ("lam viec", .workingSession),
        ("hoi nghi cap cao", .workingSession),
    ]
    /// Any other conference or event of the genre: a committee's meeting, a congress, a ceremony, a launch.
    static let generic = ["hoi nghi", "dai hoi", "phien hop", "cuoc hop", "hop ban chi dao", "le ky niem", "le phat dong",
                          "le trao", "le ra mat", "le khai", "le ky ket", "ky niem", "phat dong", "trao giai", "trao tang",
                          "giao luu", "gap mat", "gap go", "ra mat", "hop bao", "tuyen truyen", "hoi thi", "cuoc thi",
                          "trien lam", "quan triet", "pho bien", "khai mac", "be mac", "chuong trinh", "ky ket"]
    static let documentTitles = ["quyet dinh", "ke hoach", "chuong trinh hanh dong", "huong dan", "cong van", "chi thi", "nghi quyet", "thong bao so", "to trinh", "bao cao so"]
    static let previewTitles = ["tien toi", "chuan bi", "huong toi", "sap dien ra", "se dien ra"]
    static let documentActs = ["ban hanh", "trien khai ke hoach", "ky ban hanh", "gui cong van"]
    /// Nouns that name a meeting or an event in themselves (not activities like "tuyên truyền").
    static let meetingNouns = ["hoi nghi", "hoi thao", "toa dam", "tap huan", "boi duong", "dai hoi", "giao ban", "so ket",
                               "tong ket", "hoi dam", "lam viec", "le ky niem", "le trao", "le phat dong", "hop bao", "dien dan",
                               "gap mat", "gap go", "chuc tet", "trao giai", "phat dong", "cuoc hop", "phien hop", "tiep doan",
                               "tiep xa giao", "thanh lap hoi", "lop "]
    static let eventVerbs = ["to chuc", "dien ra", "khai mac", "chu tri", "phat dong", "trao giai", "trao tang", "be mac", "tham du", "da den"]

    public static func classify(title: String, lead: String, eventText: String? = nil) -> (MeetingKind, Bool) {
        let event = eventText.map { VietFold.foldedString(DateExtractor.firstSentence($0)) }
        let head = VietFold.foldedString(title)
        let first = VietFold.foldedString(DateExtractor.firstSentence(lead))
        let leadMore = VietFold.foldedString(lead.prefixCharacters(600))
        // Plans, decisions and directives are documents, not events, whatever they mention;
        // a preview ("Tiến tới Đại hội …") or an interview about one is not its report.
        if documentTitles.contains(where: { head.hasPrefix($0) }) { return (.other, false) }
        if previewTitles.contains(where: { head.hasPrefix($0) }), event.map({ $0.fastContains(" se ") || $0.fastContains("du kien") }) ?? true {
            return (.other, false)   // "Tiến tới Đại hội …: ngày 22/12 sẽ tiến hành …"
        }
        // An interview about an event ("Báo … có cuộc phỏng vấn ông …"); "Trưởng phòng Văn hóa" is not one.
        let opening = leadMore.prefixCharacters(400)
        if ["cuoc phong van", "tra loi phong van", "phong van ong", "phong van ba", "phong van dong chi"].contains(where: { opening.fastContains($0) }) {
            return (.other, false)
        }
        if let e = event, documentActs.contains(where: { e.fastContains($0) }), !meetingNouns.contains(where: { e.fastContains($0) }) {
            return (.other, false)   // "ban hành Công văn số …", "triển khai kế hoạch …" dates a document
        }
        if event == nil {
            // Without a dated event sentence, the headline or the first sentence must name a meeting itself.
            for z in [head, first] where meetingNouns.contains(where: { z.fastContains($0) }) && !z.fastContains("nghi quyet dai hoi") {
                return (earliest(specific, in: z) ?? .otherConference, true)
            }
            return (.other, false)
        }
        // What the event's sentence says was organised decides first: "tổ chức Đại hội …" is a
        // congress even if a later clause mentions "hội đàm".
        if let e = event, let (k, bare) = organisedObject(in: e) {
            // "tổ chức hội nghị …" says only "a conference": the rest of the sentence ("… nhằm đánh giá
            // kết quả 4 tháng đầu năm"), then a headline that names the kind, say more.
            if bare, let t = earliest(specific + periodCues, in: e) ?? earliest(specific, in: head) { return (t, true) }
            return (k, true)
        }
        let zones = [event, head, first, leadMore].compactMap { $0 }
        for z in zones {
            if let k = earliest(specific, in: z) {
                if (k == .review || k == .midYearReview) && (z.fastContains("cuoc thi") || z.fastContains("trao giai")) { return (.otherConference, true) }
                return (k, true)
            }
        }
        for z in zones where generic.contains(where: { z.fastContains($0) }) { return (.otherConference, true) }
        // A dated event with an organising verb is an event even without a named kind.
        if let e = event, eventVerbs.contains(where: { e.fastContains($0) }) { return (.otherConference, true) }
        return (.other, false)
    }

    static let organiseVerbs = [" to chuc ", " khai mac ", " dien ra "]

    /// The kind of what follows "tổ chức" in the event's sentence, when it names one
    /// at once: "tổ chức hội nghị sơ kết" → sơ kết, "tổ chức Đại hội" → another
    /// conference, "tổng kết và trao giải Cuộc thi" → a ceremony, not a review.
    static func organisedObject(in e: String) -> (MeetingKind, bare: Bool)? {
        for v in organiseVerbs {
            guard let at = e.fastFind(v) else { continue }
            let object = String(decoding: Array(e.utf8)[(at + v.utf8.count)...].prefix(70), as: UTF8.self)
            if object.fastContains("cuoc thi") || object.fastContains("trao giai") { return (.otherConference, false) }
            if let (pos, k) = earliestHit(specific, in: object.prefixCharacters(40)), pos < 30 { return (k, false) }
            if ["dai hoi", "le ", "gap mat", "chuong trinh", "ky niem", "phat dong", "hop bao"].contains(where: { object.hasPrefix($0) || object.hasPrefix("khai mac " + $0) }) {
                return (.otherConference, false)
            }
            if object.hasPrefix("hoi nghi") || object.hasPrefix("khai mac hoi nghi") { return (.otherConference, true) }
        }
        return nil
    }

    /// A conference that assesses a part of the year is a mid-term review.
    static let periodCues: [(String, MeetingKind)] = [("thang dau nam", .midYearReview), ("6 thang", .midYearReview), ("9 thang", .midYearReview)]

    static func earliest(_ cues: [(String, MeetingKind)], in text: String) -> MeetingKind? { earliestHit(cues, in: text)?.1 }

    /// The first cue in `text` (the earlier listed on a tie) and where it stands.
    static func earliestHit(_ cues: [(String, MeetingKind)], in text: String) -> (Int, MeetingKind)? {
        var best: (Int, Int, MeetingKind)?
        for (rank, (cue, kind)) in cues.enumerated() {
            guard let at = text.fastFind(cue) else { continue }
            if best == nil || (at, rank) < (best!.0, best!.1) { best = (at, rank, kind) }
        }
        return best.map { ($0.0, $0.2) }
    }
}
