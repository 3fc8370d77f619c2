// A small W3C WebDriver client and the harness that runs the real KSO Desk binary through
// tauri-driver + WebKitWebDriver. Each app gets its own temporary data directory.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = resolve(import.meta.dirname, "../..");
export const APP = process.env.KSO_DESK_BIN ?? join(ROOT, "target/debug/kso-desk");
export const KSO = process.env.KSO_BIN ?? join(ROOT, "target/debug/kso");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Polls `check` until it returns a truthy value or `ms` pass. */
export async function waitFor(check, what, ms = 15000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await sleep(100);
  }
}

/** A temporary data directory ($XDG_DATA_HOME) with the database at its default place. */
export class DataHome {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "kso-e2e-"));
    this.db = join(this.dir, "kso-desk", "kso.sqlite");
    /** Where the app saves exports (its XDG_DOWNLOAD_DIR). */
    this.downloads = join(this.dir, "Downloads");
  }
  /**
   * Runs the kso command-line tool on this data directory's database. The database is
   * encrypted, so commands sign in: as `--user`/KSO_USER if the test names one, else as the
   * head this home was set up with (`init` or `demo`).
   */
  kso(args, env = {}) {
    if (args[0] === "init") {
      this.head = { login: args[args.indexOf("--head-login") + 1], password: env.KSO_PASSWORD };
    } else if (args[0] === "demo") {
      this.head = { login: "juhataja", password: "demo-parool" };
    }
    const signIn = {};
    if (!args.includes("--user") && !("KSO_USER" in env) && this.head) {
      signIn.KSO_USER = this.head.login;
      signIn.KSO_PASSWORD = this.head.password;
    }
    const r = spawnSync(KSO, ["--db", this.db, ...args], {
      encoding: "utf8",
      env: { ...process.env, ...signIn, ...env },
    });
    if (r.status !== 0) throw new Error(`kso ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  }
  ksoJson(args, env) {
    return JSON.parse(this.kso([...args, "--json"], env));
  }
  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** tauri-driver on free ports, launching the app with this data directory. */
export class Driver {
  static async start(home, extraEnv = {}) {
    const d = new Driver();
    d.port = await freePort();
    d.nativePort = await freePort();
    // Its own process group, so that stopping it also stops WebKitWebDriver and the app; its
    // output goes to a file, so no pipe held by a lingering child keeps the test process alive.
    d.log = join(home.dir, "tauri-driver.log");
    const fd = openSync(d.log, "w");
    d.proc = spawn("tauri-driver", ["--port", String(d.port), "--native-port", String(d.nativePort)], {
      env: { ...process.env, XDG_DATA_HOME: home.dir, XDG_DOWNLOAD_DIR: home.downloads, KSO_DB: "", ...extraEnv },
      stdio: ["ignore", fd, fd],
      detached: true,
    });
    closeSync(fd);
    d.url = `http://127.0.0.1:${d.port}`;
    await waitFor(async () => (await fetch(`${d.url}/status`)).ok, "tauri-driver to listen", 30000);
    return d;
  }

  /** Launches the app (a new process each time: a "restart" is stop + launch). */
  async launch() {
    const caps = { browserName: "wry", "tauri:options": { application: APP } };
    const res = await waitFor(async () => {
      const r = await fetch(`${this.url}/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ capabilities: { alwaysMatch: caps } }),
      });
      const body = await r.json();
      if (!r.ok) throw new Error(JSON.stringify(body.value));
      return body;
    }, "a WebDriver session", 30000);
    const app = new App(this.url, res.value.sessionId);
    await app.waitFor("#root > *", "the UI to render");
    return app;
  }

  /** The driver's output so far (for failure messages). */
  output() {
    try {
      return readFileSync(this.log, "utf8");
    } catch {
      return "";
    }
  }

  /** SIGTERM to the whole group (tauri-driver, WebKitWebDriver, the app), SIGKILL if it lingers. */
  async stop() {
    const group = -this.proc.pid;
    const alive = () => {
      try {
        process.kill(group, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (!alive()) return;
    process.kill(group, "SIGTERM");
    const end = Date.now() + 5000;
    while (alive() && Date.now() < end) await sleep(100);
    if (alive()) process.kill(group, "SIGKILL");
  }
}

export class App {
  constructor(url, id) {
    this.base = `${url}/session/${id}`;
  }

  async cmd(method, path, body) {
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }
  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => e[ELEMENT]);
  }
  /** Waits until `css` matches a displayed element and returns it. */
  async waitFor(css, what = css, ms) {
    return waitFor(async () => {
      const [el] = await this.findAll(css);
      if (!el) return null;
      return (await this.cmd("GET", `/element/${el}/displayed`)) ? el : null;
    }, what, ms);
  }
  async waitGone(css, ms) {
    return waitFor(async () => (await this.findAll(css)).length === 0, `${css} to disappear`, ms);
  }
  /** Clicks the element; if a re-render replaced or was still moving it ("stale", "not
   *  interactable"), finds it again and retries for a few seconds. */
  async click(css) {
    const until = Date.now() + 5000;
    for (;;) {
      const el = await this.waitFor(css);
      try {
        await this.cmd("POST", `/element/${el}/click`, {});
        return;
      } catch (e) {
        if (Date.now() > until || !/not interactable|stale element/.test(String(e.message))) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  /** Clears the input and types `text` with real key events. */
  async type(css, text) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/clear`, {});
    await this.cmd("POST", `/element/${el}/value`, { text });
  }
  /** Chooses a file in an <input type="file">, as the file dialog would. */
  async upload(css, path) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/value`, { text: path });
  }
  async keys(css, text) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/value`, { text });
  }
  async text(css) {
    const el = await this.waitFor(css);
    return this.cmd("GET", `/element/${el}/text`);
  }
  async value(css) {
    const el = await this.waitFor(css);
    return this.cmd("GET", `/element/${el}/property/value`);
  }
  /** The texts of every match; read again if a re-render replaced an element meanwhile. */
  async texts(css) {
    const until = Date.now() + 5000;
    for (;;) {
      try {
        const els = await this.findAll(css);
        return await Promise.all(els.map((el) => this.cmd("GET", `/element/${el}/text`)));
      } catch (e) {
        if (Date.now() > until || !/stale element/.test(String(e.message))) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  /** Picks the option of a <select> whose text contains `label`, as a user choosing it. */
  async select(css, label) {
    await this.waitFor(css);
    const picked = await this.exec(
      `const s = document.querySelector(arguments[0]);
       const o = [...s.options].find((o) => o.text.includes(arguments[1]));
       if (!o) return false;
       s.value = o.value;
       s.dispatchEvent(new Event("change", { bubbles: true }));
       return true;`,
      [css, label],
    );
    if (!picked) throw new Error(`no option "${label}" in ${css}`);
  }
  async exec(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }
  /** Waits until the text of `css` satisfies `pred`. */
  async waitText(css, pred, what) {
    return waitFor(async () => {
      const t = await this.text(css);
      return pred(t) ? t : null;
    }, what ?? `text of ${css}`);
  }
  /** The webview as PNG. WebKitWebDriver's snapshot can wait forever on a page that does not
   *  repaint (seen with the DMA-BUF renderer off); then the whole X screen is taken instead. */
  async screenshot() {
    const shot = await Promise.race([this.cmd("GET", "/screenshot"), sleep(10000).then(() => null)]);
    if (shot) return Buffer.from(shot, "base64");
    return execFileSync("/usr/bin/import", ["-window", "root", "png:-"]);
  }
  async quit() {
    await this.cmd("DELETE", "");
  }

  // ---- KSO Desk's own steps ----

  /** Signs in; the app opens on the overview, and then goes to `page` (staff by default). */
  async signIn(login, password, page = "staff") {
    await this.waitFor('[data-page="login"]', "the sign-in page");
    await this.type('input[name="login"]', login);
    await this.type('input[name="password"]', password);
    await this.click('button[name="sign_in"]');
    await this.waitFor('[data-page="overview"]', "the overview after sign-in");
    if (page !== "overview") {
      await this.click(`button[name="nav_${page}"]`);
      await this.waitFor(`[data-page="${page}"]`, `the ${page} page`);
    }
  }

  /** Rows of the staff table as "Last, First" names. */
  async staffNames() {
    const tds = await this.findAll('[data-table="staff"] tbody tr td:first-child');
    return Promise.all(tds.map((el) => this.cmd("GET", `/element/${el}/text`)));
  }
}

/** Runs `body` with a fresh data directory and a driver, cleaning both up afterwards. */
export async function withApp(body, { env } = {}) {
  const home = new DataHome();
  const driver = await Driver.start(home, env);
  try {
    await body({ home, driver });
  } catch (e) {
    const log = driver.output();
    if (log) e.message += `\n--- tauri-driver output ---\n${log.slice(-2000)}`;
    throw e;
  } finally {
    await driver.stop();
    home.remove();
  }
}
