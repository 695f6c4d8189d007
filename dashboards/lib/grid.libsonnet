// Grid layout: places panels on Grafana's 24-column grid, left to right, top to bottom.
//
//   grid.layout([row, p1, p2, p3])  -> the same panels with gridPos {x, y, w, h} and id 1..n
//
// A panel's size is its gridPos.w / gridPos.h (default 12 x 8; set it with panel.size(w, h)).
// A panel that does not fit in the rest of the line starts a new line below the tallest panel
// of the current line. A row (type 'row') always starts a new line and takes the whole width,
// one unit high. Any x / y already in gridPos is replaced.
//
// Cost: linear in the number of panels. The cursor after panel i is computed once from the
// cursor after panel i - 1 (a memoised array, forced in order by a tail-strict fold so that no
// evaluation recurses deeper than one step). The usual `foldl(function(acc, p) acc + [p], ...)`
// copies the accumulated array at every step and is quadratic.
{
  // Width of Grafana's grid.
  width:: 24,

  // Default panel size when gridPos has no w / h.
  defaultWidth:: 12,
  defaultHeight:: 8,

  layout(panels, width=self.width)::
    local n = std.length(panels);
    local dw = self.defaultWidth;
    local dh = self.defaultHeight;
    local sizeOf(p) =
      local gp = std.get(p, 'gridPos', {});
      if p.type == 'row'
      then { w: width, h: 1 }
      else { w: std.min(width, std.get(gp, 'w', dw)), h: std.get(gp, 'h', dh) };
    // place[i]: where panel i goes and the cursor after it. Fields read locals, so every value
    // is computed once (the C++ interpreter does not cache object fields, it caches locals).
    local place = std.makeArray(n, function(i)
      local p = panels[i];
      local s = sizeOf(p);
      // Cursor before panel i: x, y of the current line, height of the tallest panel in it.
      local cx = if i == 0 then 0 else place[i - 1].nx;
      local cy = if i == 0 then 0 else place[i - 1].ny;
      local ch = if i == 0 then 0 else place[i - 1].nh;
      local isRow = p.type == 'row';
      local wrap = cx > 0 && (isRow || cx + s.w > width);
      local x = if wrap then 0 else cx;
      local y = if wrap then cy + ch else cy;
      local lineH = if wrap then 0 else ch;
      local nx = if isRow then 0 else x + s.w;
      local ny = if isRow then y + 1 else y;
      local nh = if isRow then 0 else std.max(lineH, s.h);
      { x: x, y: y, w: s.w, h: s.h, nx: nx, ny: ny, nh: nh });
    // Forces place[0], place[1], ... in order; each step reads only the cached previous one.
    local forced = std.foldl(function(acc, i) acc + place[i].ny * 0, std.range(0, n - 1), 0);
    assert forced == 0 : 'grid.layout: cursor is not a number';
    [
      panels[i] {
        id: i + 1,
        gridPos: { x: place[i].x, y: place[i].y, w: place[i].w, h: place[i].h },
      }
      for i in std.range(0, n - 1)
    ],

  // Total height of a laid-out list of panels (bottom edge of the lowest panel).
  height(laidOut)::
    std.foldl(function(acc, p) std.max(acc, p.gridPos.y + p.gridPos.h), laidOut, 0),
}
