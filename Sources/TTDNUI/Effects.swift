import TTDNCore

/// Runs an effect that asks the source — a search, a person filter, a record for the detail, the
/// People view's counts — and returns the action that answers it; nil for the effects the shell
/// runs itself (files, marks, rescans). The shell calls this off the UI thread; tests, and
/// `AppState.settled`, call it inline.
public func perform(_ effect: Effect, source: any MeetingSource) -> Action? {
    switch effect {
    case .search(let query, let generation):
        return .searchAnswered(generation: generation, query: query, rows: source.search(query))
    case .findPeople(let person, let chair, let generation):
        return .peopleAnswered(generation: generation, rows: source.people(person: person, chair: chair))
    case .loadDetail(let row, let id):
        // The source may have changed since the row was asked for: the id decides.
        let m = source.meeting(row: row)
        return .detailLoaded(id: id, meeting: m?.id == id ? m : nil)
    case .summarizePeople(let rows, let generation):
        return .peopleSummarized(generation: generation, source.peopleSummary(rows: rows))
    case .export, .saveMarks, .rescan:
        return nil
    }
}
