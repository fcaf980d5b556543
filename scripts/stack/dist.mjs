// Downloads, cached under .stack/dist: Kafka jars resolved by Maven from a pinned pom, and the
// Apicurio Registry "all" zip fetched by Maven and unpacked. Nothing is fetched when present.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DIST_DIR, MAVEN_DIR, kafkaDist, apicurioDist } from './config.mjs';
import { StackError } from './errors.mjs';
import { unzip } from './unzip.mjs';
import { seconds } from './proc.mjs';

const COMPLETE = '.complete';

export function javaCommand() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function checkJava() {
  const java = javaCommand();
  const run = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (run.error)
    throw new StackError(
      `Java 17 or newer is required, but \`${java}\` was not found (install a JDK or set JAVA_HOME).`,
    );
  const m = /version "(\d+)(?:\.(\d+))?/.exec(run.stderr ?? '');
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
  if (major && major < 17)
    throw new StackError(`Java 17 or newer is required, but \`${java}\` is Java ${major}.`);
  return java;
}

function checkMaven() {
  const run = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (run.error)
    throw new StackError(
      'Maven (`mvn`) is required once to download Kafka and Apicurio from Maven Central, but it was not found on PATH.',
    );
}

function mvn(args, logFile, what) {
  checkMaven();
  const run = spawnSync('mvn', ['-B', '-q', ...args], {
    cwd: DIST_DIR,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.writeFileSync(logFile, `${run.stdout ?? ''}${run.stderr ?? ''}`);
  if (run.status !== 0)
    throw new StackError(`Could not download ${what} from Maven Central (see ${logFile}).`, { logFile });
}

function step(label, quiet, fn) {
  const startedAt = Date.now();
  if (!quiet) process.stdout.write(`${label} ... `);
  try {
    fn();
  } catch (err) {
    if (!quiet) process.stdout.write('failed\n');
    throw err;
  }
  if (!quiet) process.stdout.write(`done (${seconds(startedAt)})\n`);
}

/** @returns {string} the folder of Kafka jars (one flat classpath) */
export function ensureKafka(version, { quiet } = {}) {
  const home = kafkaDist(version);
  const libs = path.join(home, 'libs');
  if (fs.existsSync(path.join(home, COMPLETE))) return libs;
  fs.mkdirSync(DIST_DIR, { recursive: true });
  step(`kafka ${version}: resolving jars from Maven Central`, quiet, () => {
    fs.rmSync(home, { recursive: true, force: true });
    const tmp = `${libs}.partial`;
    fs.mkdirSync(tmp, { recursive: true });
    mvn(
      [
        '-f',
        path.join(MAVEN_DIR, 'kafka.pom.xml'),
        `-Dkafka.version=${version}`,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${tmp}`,
        '-DincludeScope=runtime',
      ],
      path.join(DIST_DIR, `kafka-${version}.mvn.log`),
      `Kafka ${version}`,
    );
    if (!fs.readdirSync(tmp).some((f) => f.startsWith(`kafka_2.13-${version}`))) {
      throw new StackError(`Maven finished but the Kafka ${version} server jar is missing from ${tmp}.`);
    }
    fs.renameSync(tmp, libs);
    fs.writeFileSync(path.join(home, COMPLETE), `${new Date().toISOString()}\n`);
  });
  return libs;
}

/** @returns {string} the runnable jar of Apicurio Registry */
export function ensureApicurio(version, { quiet } = {}) {
  const home = apicurioDist(version);
  const jar = path.join(home, `apicurio-registry-app-${version}-runner.jar`);
  if (fs.existsSync(path.join(home, COMPLETE))) return jar;
  fs.mkdirSync(DIST_DIR, { recursive: true });
  step(`apicurio ${version}: downloading from Maven Central (~110 MB)`, quiet, () => {
    fs.rmSync(home, { recursive: true, force: true });
    const tmp = `${home}.partial`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    mvn(
      [
        'dependency:copy',
        `-Dartifact=io.apicurio:apicurio-registry-app:${version}:zip:all`,
        `-DoutputDirectory=${tmp}`,
      ],
      path.join(DIST_DIR, `apicurio-${version}.mvn.log`),
      `Apicurio Registry ${version}`,
    );
    const zip = path.join(tmp, `apicurio-registry-app-${version}-all.zip`);
    try {
      unzip(zip, tmp);
    } catch (err) {
      throw new StackError(`Could not unpack ${zip}: ${err.message}.`);
    }
    fs.rmSync(zip);
    if (!fs.existsSync(path.join(tmp, path.basename(jar))))
      throw new StackError(`The Apicurio ${version} zip has no ${path.basename(jar)}.`);
    fs.renameSync(tmp, home);
    fs.writeFileSync(path.join(home, COMPLETE), `${new Date().toISOString()}\n`);
  });
  return jar;
}
