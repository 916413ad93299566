import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { PackageManager, listFiles } from "@vscode/vsce";
import {
  bundledExecutable,
  hasReportCommand,
  notFoundMessage,
  reportArguments,
  resolveExecutable,
  serverOptions,
} from "../settings";

const root = path.join(__dirname, "..", "..");

test("without a bundled binary the executable is the setting when it exists, else ikilint on PATH", () => {
  const files = new Set(["/opt/ikilint/bin/ikilint", "/usr/local/bin/ikilint", "/home/ani/bin/ikilint"]);
  const exists = (f: string) => files.has(f);
  const env = { PATH: "/usr/bin:/usr/local/bin", HOME: "/home/ani" };
  const ext = "/home/ani/.vscode/extensions/ikilint.ikilint-0.1.0";
  assert.equal(resolveExecutable("/opt/ikilint/bin/ikilint", ext, env, "linux", exists), "/opt/ikilint/bin/ikilint");
  assert.equal(resolveExecutable("~/bin/ikilint", ext, env, "linux", exists), "/home/ani/bin/ikilint");
  assert.equal(resolveExecutable("", ext, env, "linux", exists), "/usr/local/bin/ikilint");
  assert.equal(resolveExecutable("/nowhere/ikilint", ext, env, "linux", exists), undefined);
  assert.equal(resolveExecutable("", ext, { PATH: "/usr/bin" }, "linux", exists), undefined);
});

test("the binary bundled in the extension's server/ folder comes before PATH, the setting before both", () => {
  const ext = "/home/ani/.vscode/extensions/ikilint.ikilint-0.1.0-linux-x64";
  const bundled = `${ext}/server/ikilint`;
  const files = new Set([bundled, "/usr/local/bin/ikilint", "/opt/ikilint"]);
  const exists = (f: string) => files.has(f);
  const env = { PATH: "/usr/local/bin", HOME: "/home/ani" };
  assert.equal(bundledExecutable(ext, "linux"), bundled);
  assert.equal(resolveExecutable("", ext, env, "linux", exists), bundled);
  assert.equal(resolveExecutable("/opt/ikilint", ext, env, "linux", exists), "/opt/ikilint", "the setting wins");
  // A setting that names no file is reported, not silently replaced by the bundled binary.
  assert.equal(resolveExecutable("/opt/old/ikilint", ext, env, "linux", exists), undefined);
  // Another extension's folder (or an extension package without server/): PATH.
  assert.equal(resolveExecutable("", "/elsewhere", env, "linux", exists), "/usr/local/bin/ikilint");
});

test("on Windows the bundled binary is server\\ikilint.exe, before ikilint.exe on Path", () => {
  const ext = "C:\\Users\\ani\\.vscode\\extensions\\ikilint.ikilint-0.1.0-win32-x64";
  const bundled = `${ext}\\server\\ikilint.exe`;
  const onPath = "C:\\Users\\ani\\ikilint\\ikilint.exe";
  const env = { Path: "C:\\Windows;C:\\Users\\ani\\ikilint", USERPROFILE: "C:\\Users\\ani" };
  assert.equal(bundledExecutable(ext, "win32"), bundled);
  const files = new Set([bundled, onPath]);
  assert.equal(resolveExecutable("", ext, env, "win32", (f) => files.has(f)), bundled);
  // A file named `ikilint` without `.exe` in server/ is not the Windows binary.
  const withoutExe = new Set([`${ext}\\server\\ikilint`, onPath]);
  assert.equal(resolveExecutable("", ext, env, "win32", (f) => withoutExe.has(f)), onPath);
  assert.equal(resolveExecutable("~\\ikilint\\ikilint.exe", ext, env, "win32", (f) => files.has(f)), onPath);
});

test("the message when ikilint is missing points at the release's package, not at cargo", () => {
  for (const lang of ["en", "id", "id-ID"]) {
    const missing = notFoundMessage("", lang);
    assert.ok(!/cargo/i.test(missing), missing);
    assert.match(missing, /win32-x64\.vsix/);
    assert.match(missing, /Install from VSIX/);
    assert.match(missing, /ikilint\.path/);
  }
  assert.match(notFoundMessage("", "id"), /Pasang paket/);
  assert.match(notFoundMessage("", "en-US"), /Install the package/);
  const wrong = notFoundMessage(" D:\\alat\\ikilint.exe ", "en");
  assert.match(wrong, /`D:\\alat\\ikilint\.exe`, which is not a file/);
  assert.match(notFoundMessage("D:\\alat\\ikilint.exe", "id"), /bukan berkas/);
});

test("the package keeps server/ (the bundled binary) and leaves out the sources", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ikilint-vscode-"));
  try {
    for (const file of ["package.json", ".vscodeignore", "README.md"]) {
      fs.copyFileSync(path.join(root, file), path.join(dir, file));
    }
    for (const file of ["server/ikilint", "server/ikilint.exe", "src/extension.ts", "out/extension.js"]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), "");
    }
    const files = (await listFiles({ cwd: dir, packageManager: PackageManager.None })).sort();
    assert.ok(files.includes("server/ikilint"), `${files}`);
    assert.ok(files.includes("server/ikilint.exe"), `${files}`);
    assert.ok(files.includes("out/extension.js"), `${files}`);
    assert.ok(!files.includes("src/extension.ts"), `.vscodeignore is read: ${files}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("only the settings that are set reach the server", () => {
  assert.deepEqual(serverOptions({ path: "", lang: "", select: null, ignore: [] }), {});
  assert.deepEqual(serverOptions({ path: "", lang: "id", select: ["A", "N"], ignore: ["T006"] }), {
    lang: "id",
    select: ["A", "N"],
    ignore: ["T006"],
  });
  assert.deepEqual(serverOptions({ path: "", lang: "fr", select: [], ignore: [] }), { select: [] });
});

test("the report command is offered only when ikilint has it", () => {
  const withReport = "Commands:\n  check    Lint documents\n  report   Write the HTML report\n  server   Language server\n";
  const without = "Commands:\n  check    Lint documents\n  server   Language server\n";
  assert.equal(hasReportCommand(withReport), true);
  assert.equal(hasReportCommand(without), false);
  assert.deepEqual(reportArguments(["/w/a", "/w/b"], "/tmp/r.html"), ["report", "/w/a", "/w/b", "-o", "/tmp/r.html"]);
});

test("the manifest contributes the schema, the commands and the settings the code reads", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const validation = manifest.contributes.yamlValidation[0];
  const schema = JSON.parse(fs.readFileSync(path.join(root, validation.url), "utf8"));
  const original = fs.readFileSync(path.join(root, "..", "..", "schema", "ikilint.schema.json"), "utf8");
  assert.deepEqual(schema, JSON.parse(original), "the shipped schema is the repository's");
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ["ikilint.report", "ikilint.restart"]);
  const extension = fs.readFileSync(path.join(root, "src", "extension.ts"), "utf8");
  for (const command of commands) {
    assert.ok(extension.includes(`"${command}"`), `${command} is registered`);
  }
  for (const key of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(extension.includes(`"${key.replace("ikilint.", "")}"`), `${key} is read`);
  }
});
