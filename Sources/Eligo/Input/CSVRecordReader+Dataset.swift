/// What differs when a `CSVRecordReader` reads the records of a dataset collection
/// (`eligo check FOLDER`, association-deployment.md) rather than applicants' records.
extension CSVRecordReader {
    /// What the rows are: the two read blanks differently, on purpose.
    public enum Purpose: Sendable {
        /// Applicants' records (`eligo screen`): an empty cell is a blank still to be given
        /// (as `name:` is in YAML), an empty cell of a required list is the empty list, and a
        /// row must have as many cells as the header.
        case screening
        /// The records of a dataset collection: a dataset describes what is, so a blank is a gap
        /// in the data. An absent field takes the schema's default; an empty cell of a required
        /// field is an error ("… is needed but its cell is empty"); a cell of a plain value is
        /// read with its surrounding spaces trimmed (text is kept as written); a mapping may be
        /// JSON text in one cell; a row may stop short of the header (the rest is empty) but a
        /// filled cell past it is an error.
        case dataset
    }

    /// A plain cell's text: as written, or for a dataset trimmed of spaces unless it is text.
    @inline(__always)
    func scalarText(_ cell: UnsafeBufferPointer<UInt8>, _ leaf: FieldPlan) -> String {
        let text = String(decoding: cell, as: UTF8.self)
        guard purpose == .dataset, leaf.type != .string && leaf.type != .text else { return text }
        return text.trimmingSpaces
    }

    /// For a dataset: an error for each filled cell past the header's last column.
    func extraCells(_ bytes: UnsafeBufferPointer<UInt8>, _ row: CSVTable.Row, _ issues: inout [RecordIssue]) {
        for i in columns.count..<row.cells.count where !CSVTable.text(bytes, row.cells[i]).isEmpty {
            issues.append(issue(.error, "record.extra-cell", "", "the row has more cells than the header has columns", row, i, nil))
        }
    }

    /// For a dataset, once a row's cells are in place: the schema's defaults for absent fields,
    /// and an error for each required field that is neither there nor already in trouble —
    /// "… is needed but its cell is empty" at its column when the header has one, "… is needed
    /// but not written" when it has none. Lists filled item by item (`schools.0.urn`) are
    /// checked against `min_items` here; a list read from one cell was checked as it was read.
    func completeDatasetRecord(_ record: inout Value, _ row: CSVTable.Row, _ issues: inout [RecordIssue]) {
        complete(&record, root, path: "", row, &issues)
    }

    private func complete(
        _ value: inout Value, _ plan: ObjectPlan, path: String, _ row: CSVTable.Row,
        _ issues: inout [RecordIssue]
    ) {
        guard case .object(var o) = value else { return }
        value = .null
        let fields = plan.type.fields
        var nested = plan.nestedSlots[...]
        for i in fields.indices {
            let isNested = nested.first == i
            if isNested { nested.removeFirst() }
            if o.slots[i].isNull {
                if let d = fields[i].defaultValue {
                    o.slots[i] = d
                } else if !fields[i].optional {
                    let p = path.isEmpty ? fields[i].name : path + "." + fields[i].name
                    // A field whose cell had a problem has been said already.
                    if issues.contains(where: { $0.path == p || $0.path.hasPrefix(p + ".") || $0.path.hasPrefix(p + "[") }) { continue }
                    if let column = columnIndex(p) {
                        issues.append(issue(RecordIssue.emptyRequired(fields[i], path: p), row, column, columns[column]?.name))
                    } else {
                        issues.append(issue(RecordIssue.notWritten(fields[i], path: p), row, -1, nil))
                    }
                }
                continue
            }
            var isList = false
            if case .list = o.slots[i] { isList = true }
            guard isNested || (isList && plan.fields[i].hasBounds) else { continue }
            let p = path.isEmpty ? fields[i].name : path + "." + fields[i].name
            // A mapping or list read from its own cell (JSON text, `;`-separated) was checked as it was read.
            if columnIndex(p) != nil { continue }
            let field = plan.fields[i]
            if case .list(let items) = o.slots[i], let problem = field.violation(.list(items), path: p) {
                issues.append(issue(problem, row, -1, nil))
            }
            if let sub = field.object {
                complete(&o.slots[i], sub, path: p, row, &issues)
            } else if let element = field.element?.object, case .list(var items) = o.slots[i] {
                o.slots[i] = .null
                for k in items.indices {
                    let itemPath = "\(p)[\(k)]"
                    if columnIndex(itemPath) != nil { continue }
                    if items[k].isNull {
                        issues.append(issue(RecordIssue.emptyEntry("entry \(k + 1) of \(fields[i].displayName)", path: itemPath), row, -1, nil))
                        continue
                    }
                    complete(&items[k], element, path: itemPath, row, &issues)
                }
                o.slots[i] = .list(items)
            }
        }
        value = .object(o)
    }

    /// The header position of the column for the field at `path` (`schools[0].urn`), if any.
    private func columnIndex(_ path: String) -> Int? {
        columns.firstIndex { $0?.path == path }
    }
}
