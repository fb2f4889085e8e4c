"""Draws benches/scaling.svg from `scale <series> <x> <ns>` lines (compare.sh --scaling output)
on stdin: one small line chart per series, no plotting library needed."""
import sys
from collections import defaultdict

series = defaultdict(list)
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 4 and parts[0] == "scale":
        series[parts[1]].append((float(parts[2]), float(parts[3])))

TITLES = {
    "token_length": "uri-list response parse vs token length (characters)",
    "extensions": "PlayReady URL build vs number of extensions",
    "url_length": "PlayReady URL build vs URL length (bytes)",
    "ias_content_rights": "IAS response parse vs number of contentRights",
}
W, H, PAD = 420, 220, 48
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * W}" height="{2 * H}" font-family="sans-serif" font-size="11">']
for i, (name, points) in enumerate(sorted(series.items())):
    ox, oy = (i % 2) * W, (i // 2) * H
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y1 = min(xs), max(xs), max(ys) * 1.1
    def px(x):
        return ox + PAD + (x - x0) / ((x1 - x0) or 1) * (W - 2 * PAD)
    def py(y):
        return oy + H - PAD + 10 - y / y1 * (H - 2 * PAD)
    out.append(f'<text x="{ox + 10}" y="{oy + 18}" font-weight="bold">{TITLES.get(name, name)}</text>')
    out.append(f'<line x1="{px(x0)}" y1="{py(0)}" x2="{px(x1)}" y2="{py(0)}" stroke="#888"/>')
    out.append(f'<line x1="{px(x0)}" y1="{py(0)}" x2="{px(x0)}" y2="{py(y1)}" stroke="#888"/>')
    out.append(f'<text x="{ox + 4}" y="{py(y1) + 4}">{y1:.0f} ns</text>')
    path = " ".join(f"{'M' if j == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for j, (x, y) in enumerate(points))
    out.append(f'<path d="{path}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    for x, y in points:
        out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="#1f77b4"/>')
        out.append(f'<text x="{px(x) - 8:.1f}" y="{py(0) + 14:.1f}">{x:g}</text>')
        out.append(f'<text x="{px(x) - 10:.1f}" y="{py(y) - 6:.1f}" fill="#555">{y:.0f}</text>')
out.append("</svg>")
sys.stdout.write("\n".join(out) + "\n")
