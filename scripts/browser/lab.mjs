// Helpers for driving a JupyterLab 4 notebook from Playwright through the application object that
// `--LabApp.expose_app_in_browser=True` puts on window.jupyterapp: cells are edited through their
// shared model and run through JupyterLab's own commands, as the menu and Shift+Enter do.
import { chromium } from 'playwright-core';

/**
 * The test's steps: step(ok, what) prints "browser: ok|FAIL what" and counts it; finish() prints
 * "browser: N passed, N failed" and exits with the outcome.
 */
export function steps() {
  let passed = 0;
  let failed = 0;
  return {
    step(ok, what) {
      if (ok) passed += 1; else failed += 1;
      console.log(`browser: ${ok ? 'ok  ' : 'FAIL'} ${what}`);
      return ok;
    },
    finish() {
      console.log(`browser: ${passed} passed, ${failed} failed`);
      process.exit(failed === 0 ? 0 : 1);
    },
  };
}

export async function launch(shots) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  let n = 0;
  const shot = async (name) => {
    n += 1;
    const file = `${shots}/${String(n).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: file });
    return file;
  };
  return { browser, page, shot };
}

/** Opens a notebook and waits until its kernel is connected and idle. */
export async function openNotebook(page, base, token, path, timeout = 120000) {
  await page.goto(`${base}/lab/tree/${encodeURI(path)}?token=${token}`);
  await page.waitForFunction(() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
    return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
  }, null, { timeout });
}

/** Index of the code cell whose source starts with `prefix`, or -1. */
export async function findCell(page, prefix) {
  return page.evaluate((p) => {
    const cells = window.jupyterapp.shell.currentWidget.content.widgets;
    return cells.findIndex((c) => c.model.type === 'code' && c.model.sharedModel.getSource().startsWith(p));
  }, prefix);
}

/** Index of the next code cell after `index`. */
export async function nextCodeCell(page, index) {
  return page.evaluate((i) => {
    const cells = window.jupyterapp.shell.currentWidget.content.widgets;
    for (let k = i + 1; k < cells.length; k++) if (cells[k].model.type === 'code') return k;
    return -1;
  }, index);
}

export async function setSource(page, index, text) {
  await page.evaluate(([i, t]) => {
    window.jupyterapp.shell.currentWidget.content.widgets[i].model.sharedModel.setSource(t);
  }, [index, text]);
}

/** Inserts an empty code cell below `index`; returns its index. */
export async function insertBelow(page, index) {
  return page.evaluate(async (i) => {
    const app = window.jupyterapp;
    const nb = app.shell.currentWidget.content;
    nb.activeCellIndex = i;
    await app.commands.execute('notebook:insert-cell-below');
    return nb.activeCellIndex;
  }, index);
}

/** Runs one cell (JupyterLab's run command, which does not move on) and waits for its new execution count. */
export async function runCell(page, index, timeout = 120000) {
  const before = await page.evaluate(async (i) => {
    const app = window.jupyterapp;
    const nb = app.shell.currentWidget.content;
    const cell = nb.widgets[i];
    const count = cell.model.executionCount;
    cell.model.executionCount = null;
    nb.activeCellIndex = i;
    nb.deselectAll();
    await app.commands.execute('notebook:run-cell');
    return count;
  }, index);
  await page.waitForFunction((i) => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cell = panel.content.widgets[i];
    return cell.model.executionCount != null && panel.sessionContext.session.kernel.status === 'idle';
  }, index, { timeout });
  await scrollTo(page, index);
  return before;
}

/** Runs every cell and waits for the last code cell to have run; returns the cells with error outputs. */
export async function runAll(page, timeout = 600000) {
  await page.evaluate(async () => {
    const app = window.jupyterapp;
    for (const c of app.shell.currentWidget.content.widgets) if (c.model.type === 'code') c.model.executionCount = null;
    await app.commands.execute('notebook:run-all-cells');
  });
  await page.waitForFunction(() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const code = panel.content.widgets.filter((c) => c.model.type === 'code');
    return code.every((c) => c.model.executionCount != null) && panel.sessionContext.session.kernel.status === 'idle';
  }, null, { timeout, polling: 500 });
  return page.evaluate(() => {
    const cells = window.jupyterapp.shell.currentWidget.content.widgets;
    const bad = [];
    cells.forEach((c, i) => {
      if (c.model.type !== 'code') return;
      for (let k = 0; k < c.model.outputs.length; k++) {
        const o = c.model.outputs.get(k).toJSON();
        if (o.output_type === 'error') bad.push(`cell ${i}: ${o.ename}: ${String(o.evalue).slice(0, 200)}`);
      }
    });
    return bad;
  });
}

/** Waits until an element matching `selector` in cell `index`'s outputs contains `text`; returns its text. */
export async function waitOutput(page, index, selector, text = '', timeout = 60000) {
  const handle = await page.waitForFunction(([i, sel, t]) => {
    const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
    for (const el of cell.node.querySelectorAll(`.jp-OutputArea ${sel}`)) {
      if (el.textContent.includes(t)) return el.textContent;
    }
    return null;
  }, [index, selector, text], { timeout });
  return handle.jsonValue();
}

/** The text of cell `index`'s outputs (for failure messages). */
export async function outputText(page, index) {
  return page.evaluate((i) => {
    const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
    const area = cell.node.querySelector('.jp-OutputArea');
    return area ? area.textContent : '';
  }, index);
}

export async function scrollTo(page, index) {
  await page.evaluate((i) => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    nb.widgets[i].node.scrollIntoView({ block: 'center' });
  }, index);
}

/**
 * Restarts the kernel without the confirmation dialog and waits until it is connected again.
 * (Not until "idle": after a restart JupyterLab shows the status as unknown until the kernel's
 * next reply, as the status bar does for a student; the next cell's run waits for idle.)
 */
export async function restartKernel(page, timeout = 120000) {
  await page.evaluate(async () => {
    await window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart();
  });
  await page.waitForFunction(() => {
    const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    return k.connectionStatus === 'connected' && k.status !== 'restarting';
  }, null, { timeout });
}
