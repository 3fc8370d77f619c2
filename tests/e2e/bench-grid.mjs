// The roster grid's edit → repaint time on a 40-employee demo month, in the real app:
//   DISPLAY=:99 node tests/e2e/bench-grid.mjs [EDITS]
// For each edit: keydown (in the page) → the cell shows the new code → the next animation frame.
import { withApp } from "./webdriver.mjs";

const edits = Number(process.argv[2] ?? 30);
await withApp(async ({ home, driver }) => {
  home.kso(["demo", "--employees", "40", "--years", "2"]);
  const app = await driver.launch();
  await app.signIn("juhataja", "demo-parool");
  await app.click('button[name="nav_roster"]');
  await app.waitFor("[data-roster-grid]");
  const size = await app.exec("return [document.querySelectorAll('[data-roster-grid] tbody tr').length, document.querySelectorAll('[data-roster-grid] thead th').length - 5]");
  const times = [];
  const mutations = [];
  for (let i = 0; i < edits; i++) {
    const code = i % 2 === 0 ? "p" : "ö";
    const ms = await app.cmd("POST", "/execute/async", {
      script: `
        const [code, done] = [arguments[0], arguments[arguments.length - 1]];
        const grid = document.querySelector('[data-roster-grid]');
        const cursor = () => grid.querySelector('td.cursor');
        grid.focus();
        let target = cursor();
        if (target.classList.contains('absent')) { done(-1); return; }
        const before = target.textContent;
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          if (target.textContent !== before) {
            obs.disconnect();
            const tm = performance.now() - t0;
            requestAnimationFrame(() => done([tm, performance.now() - t0]));
          }
        });
        obs.observe(grid, { subtree: true, childList: true, characterData: true });
        grid.dispatchEvent(new KeyboardEvent('keydown', { key: code, bubbles: true }));
        setTimeout(() => { obs.disconnect(); done(-2); }, 5000);
      `,
      args: [code],
    });
    if (Array.isArray(ms)) {
      times.push(ms[1]);
      mutations.push(ms[0]);
    }
    // Next row, same day: a fresh cell for the next edit.
    await app.keys("[data-roster-grid]", "\uE012\uE015");
  }
  times.sort((a, b) => a - b);
  mutations.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.round((times.length - 1) * p))].toFixed(1);
  const m = mutations[Math.floor(mutations.length / 2)].toFixed(1);
  console.log(`grid ${size[0]} × ${size[1]}: ${times.length} edits, keydown → cell changed in the DOM median ${m} ms; → next frame median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
  await app.quit();
});
