/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Eligibility is about calendar days, never instants: no time zones, no clocks.
/// Arithmetic on months and years clamps to the month's last day, so
/// 29 February 2012 plus 2 years is 28 February 2014.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// A valid calendar date, or nil (2014-02-30, month 13, ...).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
            (1...9999).contains(year)
        else { return nil }
        ordinal = Day.ordinalFrom(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`, rejecting days that do not exist.
    public init?(iso text: some StringProtocol) {
        var copy = String(text)
        guard let day = copy.withUTF8({ Day(isoBytes: $0) }) else { return nil }
        self = day
    }

    /// `YYYY-MM-DD` from UTF-8 bytes, for readers that have not made a string.
    public init?(isoBytes u: UnsafeBufferPointer<UInt8>) {
        // Straight-line digits: readers type several dates per record.
        guard u.count == 10, let p = u.baseAddress, p[4] == 45, p[7] == 45 else { return nil }
        let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
        let m0 = p[5] &- 48, m1 = p[6] &- 48, d0 = p[8] &- 48, d1 = p[9] &- 48
        guard y0 <= 9, y1 <= 9, y2 <= 9, y3 <= 9, m0 <= 9, m1 <= 9, d0 <= 9, d1 <= 9 else { return nil }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
        self.init(year: year, month: Int(m0) * 10 + Int(m1), day: Int(d0) * 10 + Int(d1))
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func ordinalFrom(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The days eligo's calendar covers, 1 January 1 to 31 December 9999 (the years a date in a
    /// record can be written with). Arithmetic that would leave them, or overflow on the way, has
    /// no answer: the `adding` functions give nil, which evaluation reports as an `error` outcome.
    public static let supported = Day.ordinalFrom(year: 1, month: 1, day: 1)...Day.ordinalFrom(year: 9999, month: 12, day: 31)

    /// Whether this day is inside the supported calendar (see `supported`).
    public var isSupported: Bool { Day.supported.contains(ordinal) }

    /// The most months or days any shift can move a supported day and stay supported; larger
    /// shifts are refused before any arithmetic that could overflow.
    private static let maxShiftMonths: UInt = 12 * 10_000
    private static let maxShiftDays: UInt = 366 * 10_000

    /// This day plus whole months, the day clamped to the target month's length; nil when the
    /// result would fall outside the supported calendar.
    public func adding(months: Int) -> Day? {
        guard isSupported, months.magnitude <= Day.maxShiftMonths else { return nil }
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        guard (1...9999).contains(ny) else { return nil }
        return Day(ordinal: Day.ordinalFrom(year: ny, month: nm, day: min(d, Day.daysIn(month: nm, year: ny))))
    }

    /// This day plus whole years (months clamped, so 29 February plus a year is 28 February); nil
    /// outside the supported calendar.
    public func adding(years: Int) -> Day? {
        guard years.magnitude <= Day.maxShiftMonths / 12 else { return nil }
        return adding(months: years * 12)
    }

    /// This day plus `days`; nil outside the supported calendar.
    public func adding(days: Int) -> Day? {
        guard isSupported, days.magnitude <= Day.maxShiftDays else { return nil }
        let result = Day(ordinal: ordinal + days)
        return result.isSupported ? result : nil
    }

    /// Whole calendar months from `self` to `later` (negative when `later` is earlier).
    /// A month is complete when the day-of-month is reached, or the target month ends first
    /// (31 January to 28 February is one month).
    public func wholeMonths(to later: Day) -> Int {
        if later < self { return -later.wholeMonths(to: self) }
        let (y1, m1, _) = components, (y2, m2, _) = later.components
        var months = (y2 - y1) * 12 + (m2 - m1)
        if let shifted = adding(months: months), shifted > later { months -= 1 }
        return months
    }

    public func wholeYears(to later: Day) -> Int {
        let months = wholeMonths(to: later)
        return months >= 0 ? months / 12 : -((-months) / 12)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// ISO form, `2014-11-03`.
    public var description: String {
        let (y, m, d) = components
        // Reports write a date for almost every rule: made in place, without interpolation.
        if (0...9999).contains(y) {
            return String(unsafeUninitializedCapacity: 10) { Day.writeISO(y, m, d, into: $0.baseAddress!) }
        }
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The ISO form's ten bytes for a year of four digits at most; returns 10.
    @inline(__always)
    static func writeISO(_ y: Int, _ m: Int, _ d: Int, into p: UnsafeMutablePointer<UInt8>) -> Int {
        func digit(_ n: Int) -> UInt8 { UInt8(truncatingIfNeeded: 48 + n) }
        p[0] = digit(y / 1000); p[1] = digit(y / 100 % 10); p[2] = digit(y / 10 % 10); p[3] = digit(y % 10)
        p[4] = 45
        p[5] = digit(m / 10); p[6] = digit(m % 10)
        p[7] = 45
        p[8] = digit(d / 10); p[9] = digit(d % 10)
        return 10
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    ]

    /// The form people read in Britain: `3 November 2014`.
    public var longDescription: String {
        let (y, m, d) = components
        return "\(d) \(Day.monthNames[m - 1]) \(y)"
    }
}
