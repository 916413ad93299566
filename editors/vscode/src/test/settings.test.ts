import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";
import { hasReportCommand, reportArguments, resolveExecutable, serverOptions } from "../settings";

const root = path.join(__dirname, "..", "..");

test("the executable is the setting when it exists, else ikilint on PATH", () => {
  const files = new Set(["/opt/ikilint/bin/ikilint", "/usr/local/bin/ikilint", "/home/ani/bin/ikilint"]);
  const exists = (f: string) => files.has(f);
  const env = { PATH: "/usr/bin:/usr/local/bin", HOME: "/home/ani" };
  assert.equal(resolveExecutable("/opt/ikilint/bin/ikilint", env, "linux", exists), "/opt/ikilint/bin/ikilint");
  assert.equal(resolveExecutable("~/bin/ikilint", env, "linux", exists), "/home/ani/bin/ikilint");
  assert.equal(resolveExecutable("", env, "linux", exists), "/usr/local/bin/ikilint");
  assert.equal(resolveExecutable("/nowhere/ikilint", env, "linux", exists), undefined);
  assert.equal(resolveExecutable("", { PATH: "/usr/bin" }, "linux", exists), undefined);
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
