import Foundation
import XCTest
@testable import TTDNCore
@testable import TTDNIndex

/// The command line's answers from the index (`IndexQuery`, `IndexStore.find`) against the
/// in-memory reference (`--no-cache`: `Corpus.load`, filters applied in memory) on a generated corpus.
final class QueryTests: XCTestCase {
    func testIndexAnswersEqualTheInMemoryReference() throws {
        let shared = ProcessInfo.processInfo.environment["TTDN_SHARED"] ?? projectRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        let gen = shared + "/tools/gen_corpus.py"
        guard FileManager.default.fileExists(atPath: gen) else { throw XCTSkip("generator not found at \(gen)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttdn-query-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("c").path, manifest = dir.appendingPathComponent("m.jsonl").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", gen, "--count", "2000", "--seed", "7", "--out", out, "--manifest", manifest]
        try p.run(); p.waitUntilExit()

        let generated = Date()
        let store = try IndexStore(path: dir.appendingPathComponent("i.sqlite").path)
        store.racyMargin = 0.3
        let decoded = try store.load(root: out)   // what every command decoded before
        Thread.sleep(until: generated.addingTimeInterval(0.4))   // the folder's stamp is no longer racy
        XCTAssertNil(try store.sync(root: out, decodeCached: false), "nothing changed: the index answers, nothing decoded")
        XCTAssertTrue(store.isCurrent(root: out), "the full check recorded the folder's stamp")
        XCTAssertFalse(store.isCurrent(root: out + "/"), "stamps hold for the root they were taken under")
        // Marks, as the command line splices them into the stored JSON.
        let readIDs = Set(decoded.meetings.prefix(300).map(\.id)), starredIDs = Set(decoded.meetings.suffix(40).map(\.id))
        let marks: (String) -> [(String, String)] = { id in
            [("read", readIDs.contains(id) ? "true" : "false"), ("starred", starredIDs.contains(id) ? "true" : "false")]
        }
        let fresh = try Corpus.load(path: out)   // the --no-cache reference
        let total = fresh.meetings.filter(\.isMeeting).count

        var filters: [(String, MeetingFilter)] = [("none", MeetingFilter())]
        func add(_ name: String, _ change: (inout MeetingFilter) -> Void) {
            var f = MeetingFilter()
            change(&f)
            filters.append((name, f))
        }
        add("province") { $0.provinces = ["Lạng Sơn", "Hưng Yên"] }
        add("year") { $0.years = [2018, MeetingFilter.unknownYear] }
        add("kind") { $0.kinds = [.briefing] }
        add("map 2025") { $0.map = .y2025; $0.provinces = ["Lâm Đồng", "Lạng Sơn"] }
        add("search lang son") { $0.search = SearchQuery("lang son") }
        add("search phrase") { $0.search = SearchQuery("\"lang son\"") }
        add("search marked") { $0.search = SearchQuery("Hưng Yên") }
        add("search giao ban hoang") { $0.search = SearchQuery("\"giao ban\" hoang") }
        add("search none") { $0.search = SearchQuery("zzqx") }
        add("person") { $0.person = NameQuery("nghiem hoang") }
        add("chair") { $0.chair = NameQuery("bui duc nghia") }
        add("combined") { $0.search = SearchQuery("thong tin"); $0.years = [2019, 2020]; $0.kinds = [.review, .briefing]; $0.map = .y2025 }
        add("search + person") { $0.search = SearchQuery("lang son"); $0.person = NameQuery("hoang") }

        for (name, f) in filters {
            var withHits = f
            if !f.search.isEmpty { withHits.searchHits = store.matchingKeys(f.search) }
            let want = withHits.apply(decoded.meetings)
            let memory = f.apply(fresh.meetings)
            XCTAssertEqual(want.map(\.id), memory.map(\.id), "\(name): index and --no-cache agree")
            let got = try XCTUnwrap(IndexQuery.answer(store, filter: f, heads: true), name)
            XCTAssertEqual(got.all.map(\.id), fresh.meetings.map(\.id), "\(name): the whole timeline, in order")
            XCTAssertEqual(got.rows.map(\.id), want.map(\.id), "\(name): the same rows in the same order")
            for format in ExportFormat.allCases {
                XCTAssertEqual(Export.render(got.rows, as: format), Export.render(want, as: format), "\(name): list --format \(format)")
                XCTAssertEqual(Export.render(got.rows, as: format), Export.render(memory, as: format), "\(name): list --format \(format) --no-cache")
            }
            XCTAssertEqual(Export.table(got.rows, width: nil, idWidth: 6), Export.table(want, width: nil, idWidth: 6), name)
            // list --format json from the objects stored at build time, marks spliced in: byte for byte
            // what rendering the rows gives (and --no-cache, where the two searches agree).
            let stored = try XCTUnwrap(IndexQuery.json(store, filter: f), name)
            XCTAssertEqual(stored.total, fresh.meetings.count, name)
            XCTAssertEqual(stored.keys, got.rows.map(\.storeKey), "\(name): the same rows as JSON")
            let bytes = String(decoding: IndexQuery.writeJSON(store, stored, extra: marks), as: UTF8.self)
            XCTAssertEqual(bytes, Export.json(want) { marks($0.id) }, "\(name): stored JSON with marks")
            XCTAssertEqual(String(decoding: IndexQuery.writeJSON(store, stored) { _ in [] }, as: UTF8.self), Export.json(want), name)
            // --unread / --starred: the rows kept by id, the array still well formed when none is kept.
            let odd = Set(want.enumerated().filter { $0.offset % 2 == 1 }.map(\.element.id))
            XCTAssertEqual(String(decoding: IndexQuery.writeJSON(store, stored, keep: { odd.contains($0) }) { _ in [] }, as: UTF8.self),
                           Export.json(want.filter { odd.contains($0.id) }), "\(name): rows kept by id")
            XCTAssertEqual(bytes, Export.json(memory) { marks($0.id) }, "\(name): stored JSON = --no-cache")
            let light = try XCTUnwrap(IndexQuery.answer(store, filter: f, heads: false), name)
            let lightTotal = light.all.filter(\.isMeeting).count
            XCTAssertEqual(lightTotal, total, name)
            for format in ["table", "json", "csv"] {
                XCTAssertEqual(StatsReport.render(shown: light.rows, total: lightTotal, filter: f, format: format),
                               StatsReport.render(shown: want, total: total, filter: f, format: format), "\(name): stats --format \(format)")
            }
            if f.isEmpty { XCTAssertTrue(StatsReport.render(shown: want, total: total, filter: f, format: "table").contains("By kind")) }
            // stats from groups the index counts, without a record per meeting.
            if let g = IndexQuery.stats(store, filter: f) {
                XCTAssertEqual(g.meetings, total, name)
                XCTAssertEqual(g.count, fresh.meetings.count, name)
                for format in ["table", "json", "csv"] {
                    XCTAssertEqual(StatsReport.render(groups: g.groups, total: g.meetings, filter: f, format: format),
                                   StatsReport.render(shown: want, total: total, filter: f, format: format), "\(name): stats --format \(format) from groups")
                }
            } else {
                XCTAssertTrue(f.person != nil || f.chair != nil, "\(name): only a person or chair needs the heads")
            }
        }

        try checkQueryService(store: store, fresh: fresh, filters: filters)
        // Without the list file (removed, or another generation's): rendered from the heads, the same bytes.
        let all = try XCTUnwrap(IndexQuery.json(store, filter: MeetingFilter()))
        XCTAssertTrue(all.fromListFile, "a resolved index keeps the list objects beside it")
        let whole = IndexQuery.writeJSON(store, all, extra: marks)
        XCTAssertEqual(String(decoding: whole, as: UTF8.self), Export.json(fresh.meetings) { marks($0.id) })
        let listPath = store.path + "-list"
        let saved = try Data(contentsOf: URL(fileURLWithPath: listPath))
        let stamp = try store.db.prepare("SELECT data FROM snapshot WHERE name = 'list'")
        XCTAssertTrue(try stamp.step())
        let savedGeneration = try XCTUnwrap(stamp.blob(0))
        stamp.reset()
        // A record damaged inside (its id length), the footer intact: the run is refused whole and
        // rendered from the heads — the same bytes, nothing printed twice.
        var damaged = saved
        damaged.replaceSubrange(8..<12, with: [0xFF, 0xFF, 0xFF, 0x7F])
        try damaged.write(to: URL(fileURLWithPath: listPath))
        let hurt = try XCTUnwrap(IndexQuery.json(store, filter: MeetingFilter()))
        XCTAssertTrue(hurt.fromListFile, "the footer still checks out")
        XCTAssertEqual(IndexQuery.writeJSON(store, hurt, extra: marks), whole)
        try saved.write(to: URL(fileURLWithPath: listPath))
        try store.db.prepare("UPDATE snapshot SET data = ? WHERE name = 'list'").bind(1, savedGeneration).run()
        XCTAssertEqual(IndexQuery.writeJSON(store, try XCTUnwrap(IndexQuery.json(store, filter: MeetingFilter())), extra: marks), whole)
        try store.db.exec("UPDATE snapshot SET data = CAST('0123456789abcdef' AS BLOB) WHERE name = 'list'")
        let stale = try XCTUnwrap(IndexQuery.json(store, filter: MeetingFilter()))
        XCTAssertFalse(stale.fromListFile, "a list file of another generation is not taken")
        XCTAssertEqual(IndexQuery.writeJSON(store, stale, extra: marks), whole)
        try FileManager.default.removeItem(atPath: listPath)
        let missing = try XCTUnwrap(IndexQuery.json(store, filter: MeetingFilter()))
        XCTAssertFalse(missing.fromListFile)
        XCTAssertEqual(IndexQuery.writeJSON(store, missing, extra: marks), whole)
        // Cut short: refused, not misread.
        try saved.prefix(saved.count - 5).write(to: URL(fileURLWithPath: listPath))
        XCTAssertFalse(try XCTUnwrap(IndexQuery.json(store, filter: MeetingFilter())).fromListFile)

        // show: by id, by file name, by a unique prefix; the body as the in-memory parse has it.
        let picks = [fresh.meetings[0], fresh.meetings[fresh.meetings.count / 2], fresh.meetings.last!]
        for ref in picks {
            for key in [ref.id, (ref.file as NSString).lastPathComponent] {
                guard case .one(var m, current: true) = store.find(key) else { XCTFail("show \(key): not found"); continue }
                m.paragraphs = store.paragraphs(for: m.id) ?? []
                XCTAssertEqual(Export.jsonObject(m, withParagraphs: true), Export.jsonObject(ref, withParagraphs: true), "show \(key) --format json")
                XCTAssertEqual(Export.text(m, width: 100), Export.text(ref, width: 100), "show \(key)")
            }
        }
        // Prefixes: unique → that meeting; shared or unknown → not found (the caller then syncs and says why).
        var byPrefix: [String: [String]] = [:]
        for m in fresh.meetings { for n in 2..<m.id.count { byPrefix[String(m.id.prefix(n)), default: []].append(m.id) } }
        let common = try XCTUnwrap(byPrefix.first { $0.value.count > 1 }?.key)
        if case .one = store.find(common) { XCTFail("\(common) is shared: ambiguous") }
        if case .one = store.find("zzqx") { XCTFail("no meeting is zzqx") }
        for (prefix, ids) in byPrefix where ids.count == 1 && fresh.meetings.first(where: { $0.id == prefix }) == nil {
            guard case .one(let one, true) = store.find(prefix) else { XCTFail("\(prefix) is unique"); continue }
            XCTAssertEqual(one.id, ids[0])
        }

        // A changed file is no longer current: show then syncs and answers in memory.
        let path = out + "/" + picks[1].file.split(separator: "/").last!
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path)
        guard case .one(_, let current) = store.find(picks[1].id) else { return XCTFail() }
        XCTAssertFalse(current)
        XCTAssertNotNil(try store.sync(root: out, decodeCached: false), "a changed file: the corpus is synced and decoded")
        XCTAssertNil(try store.sync(root: out, decodeCached: false))
    }

    /// The browser's query service over the index (`IndexSource`: stored timeline, FTS5, records
    /// decoded on demand) and over memory (`MemorySource`) against the in-memory reference: the same
    /// list records, the same rows for every filter, the same facet counts, records and bodies.
    func checkQueryService(store: IndexStore, fresh: Corpus, filters: [(String, MeetingFilter)]) throws {
        let index = try XCTUnwrap(IndexSource.open(store), "a synced index has a stored timeline")
        let memory = MemorySource(fresh.meetings)
        let t = index.timeline
        XCTAssertEqual(t.count, fresh.meetings.count)
        for (i, m) in fresh.meetings.enumerated() {
            XCTAssertEqual(t.id(i), m.id)
            XCTAssertEqual(t.title(i), m.title, m.id)
            XCTAssertEqual(t.date(i), m.date, m.id)
            XCTAssertEqual(t.province(i), m.province, m.id)
            XCTAssertEqual(t.province2025(i), m.province2025, m.id)
            XCTAssertEqual(t.kind(i), m.kind, m.id)
            XCTAssertEqual(t.isMeeting(i), m.isMeeting, m.id)
            XCTAssertEqual(t.row(ofID: m.id), i, m.id)
        }
        XCTAssertNil(t.row(ofID: "zzqx"))
        let (columns, text) = (t.encodedColumns(), t.encodedText())
        let back = try XCTUnwrap(Timeline(columns: columns, text: text))
        XCTAssertEqual(back.encodedColumns(), columns, "the stored form round-trips")
        XCTAssertEqual(back.encodedText(), text, "the stored form round-trips")
        XCTAssertTrue(back.hasText)
        XCTAssertNil(Timeline(columns: Array(columns.dropLast(3)), text: text), "a cut blob is refused, not misread")
        XCTAssertNil(Timeline(columns: columns, text: Array(text.dropLast(3))), "a cut blob is refused, not misread")
        XCTAssertNil(Timeline(columns: text, text: nil), "one part is not taken for the other")
        // Columns alone (stats, list --format json): the same filters and counts, no ids or titles.
        let bare = try XCTUnwrap(IndexSource.open(store, text: false)).timeline
        XCTAssertFalse(bare.hasText)
        XCTAssertEqual(bare.keys, t.keys)
        XCTAssertEqual(bare.id(0), "")
        for (_, f) in filters where f.search.isEmpty && f.person == nil && f.chair == nil {
            XCTAssertEqual(bare.select(bare.compile(f)), t.select(t.compile(f)))
        }

        for (name, f) in filters {
            let want = f.apply(fresh.meetings).map(\.id)
            for (label, source) in [("index", index as any MeetingSource), ("memory", memory)] {
                let got = source.rows(f).map { source.timeline.id($0) }
                XCTAssertEqual(got, want, "\(name) (\(label)): same rows in the same order")
                // Facet counts under the filter (search and people answered first), as the pickers show them.
                var search: RowSet?
                if !f.search.isEmpty { search = source.search(f.search) }
                var people: RowSet?
                if f.person != nil || f.chair != nil { people = source.people(person: f.person, chair: f.chair) }
                let c = source.timeline.compile(f, search: search, people: people)
                var ref = f
                if let s = search { ref.searchHits = SearchHits(bits: (0..<t.count).map { s.contains($0) }, count: s.count) }
                let rowsAsKeys = fresh.meetings.enumerated().map { i, m -> Meeting in var m = m; m.storeKey = i; return m }
                for facet in Facet.allCases {
                    XCTAssertEqual(source.timeline.facetCounts(facet, c, map: f.map), Stats.counts(rowsAsKeys, facet: facet, filter: ref),
                                   "\(name) (\(label)): \(facet) counts")
                }
            }
        }
        // Records and bodies, decoded only when asked: the same as parsed in memory.
        let rows = [0, t.count / 3, t.count / 2, t.count - 1]
        XCTAssertEqual(Export.render(index.heads(rows: rows), as: .json), Export.render(rows.map { fresh.meetings[$0] }, as: .json))
        for r in rows {
            let m = try XCTUnwrap(index.meeting(row: r))
            XCTAssertEqual(Export.jsonObject(m, withParagraphs: true), Export.jsonObject(fresh.meetings[r], withParagraphs: true))
        }
        XCTAssertNil(index.meeting(row: t.count))
        XCTAssertEqual(PeopleIndex.summarize(index.peopleRecords(rows: Array(0..<t.count))), PeopleIndex.summarize(fresh.meetings),
                       "the People view from the index (one pass)")
        XCTAssertEqual(index.summarizeInBatches(rows: Array(0..<t.count), batch: 97), PeopleIndex.summarize(fresh.meetings),
                       "the People view read in batches: the same as all at once")
        let unfiltered = (0..<t.count).filter { t.isMeeting($0) } + (0..<t.count).filter { !t.isMeeting($0) }
        XCTAssertNotNil(store.storedPeople(), "the whole corpus's People view is kept with the timeline")
        XCTAssertEqual(index.peopleSummary(rows: unfiltered), PeopleIndex.summarize(unfiltered.map { fresh.meetings[$0] }),
                       "the stored People view equals counting the records")
        let few = Array(stride(from: 0, to: t.count, by: 7))
        XCTAssertEqual(index.summarizeInBatches(rows: few.reversed(), batch: 50), PeopleIndex.summarize(few.reversed().map { fresh.meetings[$0] }),
                       "in batches, whatever order the rows come in (newest first)")
        XCTAssertEqual(PeopleIndex.summarize(index.peopleRecords(rows: few)), PeopleIndex.summarize(few.map { fresh.meetings[$0] }),
                       "the People view of some rows (a lookup each)")
    }

    /// The command line's freshness rule (`CorpusOptions.source`): folder stamps first, else the full
    /// check (`sync`), then the index answers or the corpus is read. A file added, removed or renamed
    /// is never served stale; a file rewritten in place waits for the next full check.
    func testFolderStampsNeverServeAddedRemovedOrRenamedFilesStale() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("ttdn-stamps-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        let root = dir.appendingPathComponent("c").path
        try fm.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        let seeds = try fm.contentsOfDirectory(atPath: seedsPath).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThanOrEqual(seeds.count, 5)
        for f in seeds.prefix(3) { try fm.copyItem(atPath: seedsPath + "/" + f, toPath: root + "/" + f) }
        try fm.copyItem(atPath: seedsPath + "/" + seeds[3], toPath: root + "/sub/" + seeds[3])

        let store = try IndexStore(path: dir.appendingPathComponent("i.sqlite").path)
        store.racyMargin = 0.3
        let settle = { Thread.sleep(forTimeInterval: 0.35) }
        /// What `list --format json` prints, the way the command line gets it, and whether the stamps
        /// alone answered.
        func list() throws -> (json: String, fast: Bool) {
            let fast = store.isCurrent(root: root)
            let synced = fast ? nil : try store.sync(root: root, decodeCached: false)
            if fast || synced == nil {
                let a = try XCTUnwrap(IndexQuery.json(store, filter: MeetingFilter()))
                return (String(decoding: IndexQuery.writeJSON(store, a) { _ in [] }, as: UTF8.self), fast)
            }
            return (Export.json(try store.load(root: root).meetings), fast)
        }
        func reference() throws -> String { Export.json(try Corpus.load(path: root).meetings) }

        XCTAssertFalse(store.isCurrent(root: root), "nothing recorded yet")
        _ = try store.load(root: root)
        XCTAssertFalse(store.isCurrent(root: root), "stamps taken right after the files were written are racy: not recorded")
        settle()
        var r = try list()
        XCTAssertFalse(r.fast)
        XCTAssertEqual(r.json, try reference())
        r = try list()
        XCTAssertTrue(r.fast, "recorded by the full check")
        XCTAssertEqual(r.json, try reference())

        func expectChange(_ what: String, _ change: () throws -> Void) throws {
            let before = try list().json
            try change()
            XCTAssertFalse(store.isCurrent(root: root), "\(what): the folder's stamp changed")
            let after = try list()
            XCTAssertFalse(after.fast, what)
            XCTAssertEqual(after.json, try reference(), "\(what): list answers as --no-cache")
            XCTAssertNotEqual(after.json, before, "\(what): the answer changed")
            XCTAssertFalse(store.isCurrent(root: root), "\(what): stamps just after the change are racy")
            settle()
            _ = try list()
            XCTAssertTrue(try list().fast, "\(what): fast again after a full check")
        }
        try expectChange("added") { try fm.copyItem(atPath: seedsPath + "/" + seeds[4], toPath: root + "/" + seeds[4]) }
        try expectChange("removed") { try fm.removeItem(atPath: root + "/" + seeds[0]) }
        try expectChange("renamed") { try fm.moveItem(atPath: root + "/" + seeds[1], toPath: root + "/zz-" + seeds[1]) }
        try expectChange("added in a subfolder") { try fm.copyItem(atPath: seedsPath + "/" + seeds[0], toPath: root + "/sub/" + seeds[0]) }
        try expectChange("saved as editors do (new file renamed over the old)") {
            let path = root + "/" + seeds[2]
            try fm.copyItem(atPath: seedsPath + "/" + seeds[4], toPath: path + ".tmp")
            XCTAssertEqual(rename(path + ".tmp", path), 0)
        }
        try expectChange("folder mtime set back (rsync -a, touch -d)") {
            try fm.copyItem(atPath: seedsPath + "/" + seeds[1], toPath: root + "/" + seeds[1])
            let old = Date(timeIntervalSinceNow: -86_400)
            try fm.setAttributes([.modificationDate: old], ofItemAtPath: root)
        }

        // Rewritten in place: the folder keeps its stamp; the stamps answer (stale) until a full check.
        let path = root + "/sub/" + seeds[3]
        let before = try list()
        XCTAssertTrue(before.fast)
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        h.truncateFile(atOffset: 0); h.write(try Data(contentsOf: URL(fileURLWithPath: seedsPath + "/" + seeds[2]))); h.closeFile()
        XCTAssertNotEqual(try reference(), before.json)
        XCTAssertTrue(store.isCurrent(root: root), "documented: an in-place rewrite keeps the folder's stamp")
        XCTAssertNotNil(try store.sync(root: root, decodeCached: false), "the full check (--sync) sees it")
        XCTAssertEqual(try list().json, try reference())

        // A symbolic-linked file: its target can change outside the walk, so stamps are never trusted.
        XCTAssertEqual(symlink(seedsPath + "/" + seeds[4], root + "/sub/linked.txt"), 0)
        settle()
        XCTAssertNotNil(try store.sync(root: root, decodeCached: false))
        settle()
        XCTAssertNil(try store.sync(root: root, decodeCached: false))
        XCTAssertFalse(store.isCurrent(root: root), "symbolic-linked files: always the full check")
        XCTAssertEqual(try list().json, try reference(), "related reports in the order --no-cache gives, after an incremental sync")
    }
}
