// A synthetic, photo-like office scene (window light, desk, a person, plants, bokeh, grain),
// standing in for a provider answer in samples and benchmarks: no network, no binary fixture.
import sharp from 'sharp';

export const syntheticPhoto = async (width = 1536, height = 1024, { format = 'png', seed = 7 } = {}) => {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const bokeh = Array.from({ length: 22 }, () => {
    const x = 700 + rand() * 836;
    const y = 40 + rand() * 420;
    const r = 18 + rand() * 46;
    return `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${r.toFixed(0)}" fill="#fff4d6" fill-opacity="${(0.18 + rand() * 0.3).toFixed(2)}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1536" height="1024" viewBox="0 0 1536 1024">
<defs>
<linearGradient id="wall" x1="0" y1="0" x2="1" y2="0.6"><stop offset="0" stop-color="#c9d9e8"/><stop offset="0.6" stop-color="#eef1f2"/><stop offset="1" stop-color="#f6efe3"/></linearGradient>
<linearGradient id="win" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#bfe0ff"/><stop offset="1" stop-color="#eaf6ff"/></linearGradient>
<linearGradient id="desk" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#c49a6c"/><stop offset="1" stop-color="#7a5436"/></linearGradient>
<linearGradient id="shirt" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2f6db3"/><stop offset="1" stop-color="#163c6e"/></linearGradient>
<radialGradient id="sun" cx="0.78" cy="0.12" r="0.55"><stop offset="0" stop-color="#fff3c9" stop-opacity="0.95"/><stop offset="1" stop-color="#fff3c9" stop-opacity="0"/></radialGradient>
<radialGradient id="vig" cx="0.5" cy="0.5" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></radialGradient>
</defs>
<rect width="1536" height="1024" fill="url(#wall)"/>
<rect x="820" y="60" width="640" height="560" rx="6" fill="url(#win)"/>
<path d="M820 300h640M1140 60v560" stroke="#ffffff" stroke-width="16"/>
<rect x="820" y="60" width="640" height="560" fill="none" stroke="#f7f7f7" stroke-width="22"/>
<rect width="1536" height="1024" fill="url(#sun)"/>
${bokeh}
<g><ellipse cx="210" cy="560" rx="120" ry="150" fill="#3f7d4f"/><ellipse cx="150" cy="500" rx="70" ry="110" fill="#4e9a5f"/><ellipse cx="280" cy="520" rx="60" ry="100" fill="#356b43"/><rect x="150" y="640" width="120" height="120" rx="14" fill="#e8e1d6"/></g>
<ellipse cx="1090" cy="360" rx="92" ry="110" fill="#d8a384"/>
<path d="M1000 330 Q1010 230 1095 230 Q1185 232 1190 340 Q1160 280 1090 285 Q1030 288 1000 330Z" fill="#3b2a20"/>
<path d="M1165 350 q40 10 38 60 q-4 30 -30 34" fill="none" stroke="#1b1b1b" stroke-width="10"/>
<path d="M890 760 Q895 520 1090 500 Q1290 520 1300 760Z" fill="url(#shirt)"/>
<rect x="0" y="720" width="1536" height="304" fill="url(#desk)"/>
<rect x="0" y="712" width="1536" height="14" fill="#d9b48a"/>
<rect x="560" y="640" width="330" height="90" rx="10" fill="#2a2f36"/><rect x="575" y="652" width="300" height="64" rx="6" fill="#3c4650"/>
<rect x="1240" y="650" width="150" height="80" rx="14" fill="#1c232b"/><circle cx="1275" cy="690" r="18" fill="#2f3a46"/>
<rect x="380" y="760" width="220" height="150" rx="6" fill="#f4f1ea" transform="rotate(-6 490 835)"/>
<circle cx="1420" cy="780" r="44" fill="#f0ebe2"/><circle cx="1420" cy="780" r="30" fill="#6b3f22"/>
<rect width="1536" height="1024" fill="url(#vig)"/>
</svg>`;
  const base = await sharp(Buffer.from(svg))
    .resize(width, height)
    .blur(2.2)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const noise = await sharp({
    create: { width, height, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 9 } },
  })
    .raw()
    .toBuffer();
  const px = base.data;
  const ch = base.info.channels;
  for (let i = 0, j = 0; i < px.length; i += ch, j += 3) {
    for (let c = 0; c < 3; c++) px[i + c] = Math.max(0, Math.min(255, px[i + c] + (noise[j + c] - 128)));
  }
  const img = sharp(px, { raw: { width, height, channels: ch } }).removeAlpha();
  return format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
};
