// Two students on the course's JupyterHub in Chromium (scripts/test-hub.sh --browser): each logs
// in through the hub's login page in a browser context of their own (their own cookies), lands in
// their own JupyterLab 4, opens a new notebook with the course's Java kernel and runs a cell that
// prints a sum and where their progress file is kept. Screenshots of each student's lab go to SHOTS.
//
//   node hub.mjs HUB_URL PASSWORD KERNEL SHOTS
import { chromium } from 'playwright-core';
import * as lab from './lab.mjs';

const [hub, password, kernel, shots] = process.argv.slice(2);
const students = ['student01', 'student02'];
const { step, finish } = lab.steps();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

async function student(name, n) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${hub}/hub/login`);
    await page.fill('input[name=username]', name);
    await page.fill('input[name=password]', password);
    await page.click('input[type=submit], button[type=submit]');
    // The hub starts the server and sends the student on to their JupyterLab.
    await page.waitForURL(new RegExp(`/user/${name}/lab`), { timeout: 300000 });
    await page.waitForFunction(() => window.jupyterapp && window.jupyterapp.started !== undefined, null, { timeout: 120000 });
    step(true, `${name} logged in and has their own JupyterLab (${new URL(page.url()).pathname})`);
    await page.evaluate(async (k) => {
      await window.jupyterapp.started;
      await window.jupyterapp.commands.execute('notebook:create-new', { kernelName: k });
    }, kernel);
    await page.waitForFunction(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const k = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
      return k && k.connectionStatus === 'connected' && k.status === 'idle';
    }, null, { timeout: 180000 });
    const expected = `${name}: 6 * 7 = ${6 * 7 + n - n}`;
    await lab.setSource(page, 0, `System.out.println("${name}: 6 * 7 = " + (6 * 7));\nSystem.out.println(System.getenv("RNNCOURSE_PROGRESS"));`);
    await lab.runCell(page, 0, 180000);
    const out = await lab.outputText(page, 0);
    step(out.includes(expected), `${name} ran a cell in the Java kernel: ${JSON.stringify(out.slice(0, 200))}`);
    step(out.includes(`/home/${name}/rnn-course/.rnncourse-progress.json`),
      `${name}'s progress file is beside their own copy of the course`);
    await page.screenshot({ path: `${shots}/${name}.png` });
  } catch (e) {
    step(false, `${name}: the flow stopped: ${e.message.split('\n')[0]}`);
    await page.screenshot({ path: `${shots}/${name}-stopped.png` }).catch(() => {});
  } finally {
    await context.close();
  }
}

try {
  await Promise.all(students.map((s, i) => student(s, i)));
} finally {
  await browser.close();
}
finish();
