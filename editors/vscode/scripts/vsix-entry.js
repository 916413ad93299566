// Checks that a .vsix (a zip archive) holds an entry, e.g. `extension/server/ikilint`, and, for an entry written
// with Unix permissions, that it is executable: the bundled binary must start once VS Code unpacks the package.
// Reads the archive's central directory itself, so it needs neither unzip nor 7-Zip (the Windows runner has no
// unzip). Usage: node scripts/vsix-entry.js PACKAGE.vsix ENTRY
const fs = require("fs");

const [file, wanted] = process.argv.slice(2);
if (!file || !wanted) {
  console.error("usage: node scripts/vsix-entry.js PACKAGE.vsix ENTRY");
  process.exit(2);
}
const zip = fs.readFileSync(file);
// The end-of-central-directory record: signature, then the entry count at +10 and the directory's offset at +16.
let end = zip.length - 22;
while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
  end -= 1;
}
if (end < 0) {
  console.error(`${file}: not a zip archive`);
  process.exit(1);
}
const count = zip.readUInt16LE(end + 10);
let at = zip.readUInt32LE(end + 16);
const names = [];
for (let i = 0; i < count; i++) {
  if (zip.readUInt32LE(at) !== 0x02014b50) {
    console.error(`${file}: broken central directory`);
    process.exit(1);
  }
  const madeBy = zip.readUInt8(at + 5); // 3: Unix, whose permissions are the high half of the external attributes
  const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o));
  const mode = zip.readUInt32LE(at + 38) >>> 16;
  const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
  names.push(name);
  if (name === wanted) {
    if (madeBy === 3 && !wanted.endsWith(".exe") && (mode & 0o111) === 0) {
      console.error(`${file}: ${name} is not executable (mode ${mode.toString(8)})`);
      process.exit(1);
    }
    console.log(`${file}: ${name} (${zip.readUInt32LE(at + 24)} bytes)`);
    process.exit(0);
  }
  at += 46 + nameLength + extraLength + commentLength;
}
console.error(`${file}: no ${wanted} among its ${count} entries:\n  ${names.join("\n  ")}`);
process.exit(1);
