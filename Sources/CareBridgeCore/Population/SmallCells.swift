/// Small-cell suppression for published counts (DESIGN.md: cells under 5 people are not published). A count from 1 to
/// 4 is hidden; where a breakdown would hide exactly one cell, the next smallest non-zero cell is hidden too, so the
/// hidden one cannot be recovered by subtracting the others from the total (complementary suppression).
public enum SmallCells {
    public static let threshold = 5

    public static func suppress(_ counts: [Int], threshold: Int = SmallCells.threshold) -> [Int?] {
        var shown: [Int?] = counts.map { $0 > 0 && $0 < threshold ? nil : $0 }
        if shown.count(where: { $0 == nil }) == 1,
           let next = counts.indices.filter({ shown[$0] != nil && counts[$0] > 0 }).min(by: { counts[$0] < counts[$1] }) {
            shown[next] = nil
        }
        return shown
    }
}
