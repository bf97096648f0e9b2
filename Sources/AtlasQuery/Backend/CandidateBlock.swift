import AtlasGeo

/// Positions a backend's spatial index keeps together (a cell of a grid): how many there are,
/// a box that holds every one of them, and a read of them in ascending id order.
///
/// With blocks the engine counts a block that lies wholly inside a query's box without reading
/// its positions, and stops reading a block once its ids pass the page it is filling: a page of
/// a box and its `numberMatched` then cost the blocks on the box's edge, not every match.
public struct CandidateBlock {
    /// Holds every position of the block (degrees; may be a little larger than the block).
    public var bounds: BoundingBox
    /// How many positions the block holds.
    public var count: Int
    /// Calls its second argument with the block's positions whose id is above the first
    /// argument, in ascending id order, until it returns false. Valid only during the call that
    /// hands the block over.
    public var forEach: (_ afterID: Int64, _ body: (IncidentPosition) -> Bool) -> Void

    /// A block of `count` positions within `bounds`, read by `forEach`.
    public init(bounds: BoundingBox, count: Int, forEach: @escaping (_ afterID: Int64, _ body: (IncidentPosition) -> Bool) -> Void) {
        self.bounds = bounds
        self.count = count
        self.forEach = forEach
    }
}
