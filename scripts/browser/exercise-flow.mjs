// The exercise flow a student goes through, in JupyterLab 4 and Chromium (scripts/test-browser.sh):
// open notebook 04 and run it; write a wrong answer for 04-1 and see the red box; ask for a hint,
// then the solution; run the solution and see the green box; restart the kernel and see the progress
// table show 04-1 as passed with the solution seen. Screenshots of each state go to SHOTS.
//
//   node exercise-flow.mjs BASE_URL TOKEN NOTEBOOK_PATH SHOTS WRONG_ANSWER_FILE
import { readFileSync } from 'node:fs';
import * as lab from './lab.mjs';

const [base, token, notebook, shots, wrongFile] = process.argv.slice(2);
const ID = '04-1';
const wrong = readFileSync(wrongFile, 'utf8');
const { step, finish } = lab.steps();

const { browser, page, shot } = await lab.launch(shots);
try {
  await lab.openNotebook(page, base, token, notebook);
  const errors = await lab.runAll(page);
  step(errors.length === 0, `notebook 04 ran top to bottom in JupyterLab${errors.length ? ': ' + errors.join('; ') : ''}`);
  const exercise = await lab.findCell(page, `// 연습문제 ${ID}`);
  const check = await lab.nextCodeCell(page, exercise);
  if (!step(exercise >= 0 && check > exercise, `found exercise ${ID} (cell ${exercise}) and its check (cell ${check})`)) {
    throw new Error('no exercise cell');
  }
  await lab.waitOutput(page, check, '.rnncourse-exercise-unsolved', '', 10000)
    .then(() => step(true, 'the committed skeleton says unsolved'), () => step(false, 'the committed skeleton says unsolved'));
  await shot('notebook-run');

  const firstLine = `// 연습문제 ${ID}`;
  await lab.setSource(page, exercise, `${firstLine}\n${wrong.trim()}\n`);
  await lab.runCell(page, exercise);
  await lab.runCell(page, check);
  const red = await lab.waitOutput(page, check, '.rnncourse-exercise-failed', '틀림').catch(() => null);
  step(red !== null, `a wrong answer gives the red box${red ? '' : ': ' + (await lab.outputText(page, check)).slice(0, 300)}`);
  await shot('wrong-answer');

  const helpCell = await lab.insertBelow(page, check);
  await lab.setSource(page, helpCell, `Exercise.hint("${ID}")`);
  await lab.runCell(page, helpCell);
  const hint1 = await lab.waitOutput(page, helpCell, '.rnncourse-note', '힌트 1/').catch(() => null);
  step(hint1 !== null, `the first hint${hint1 ? '' : ': ' + (await lab.outputText(page, helpCell)).slice(0, 300)}`);
  await shot('hint-1');
  await lab.runCell(page, helpCell);
  const hint2 = await lab.waitOutput(page, helpCell, '.rnncourse-note', '힌트 2/').catch(() => null);
  step(hint2 !== null, 'asked again, the second, stronger hint');
  await shot('hint-2');

  await lab.setSource(page, helpCell, `Exercise.solution("${ID}")`);
  await lab.runCell(page, helpCell);
  const box = await lab.waitOutput(page, helpCell, '.rnncourse-note', '풀이').catch(() => null);
  const code = box === null ? '' : await page.evaluate((i) => {
    const pre = window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelector('.jp-OutputArea .rnncourse-note pre');
    return pre ? pre.textContent : '';
  }, helpCell);
  step(code.length > 0, 'the solution is shown on request');
  await shot('solution');

  await lab.setSource(page, exercise, `${firstLine}\n${code}\n`);
  await lab.runCell(page, exercise);
  await lab.runCell(page, check);
  const green = await lab.waitOutput(page, check, '.rnncourse-exercise-passed', '통과').catch(() => null);
  step(green !== null, `the solution passes: green box${green ? '' : ': ' + (await lab.outputText(page, check)).slice(0, 300)}`);
  await shot('passed');

  await lab.restartKernel(page);
  await lab.setSource(page, helpCell, 'Exercise.progress()');
  await lab.runCell(page, helpCell);
  await lab.waitOutput(page, helpCell, '.rnncourse-progress', '').catch(() => null);
  const row = await page.evaluate(([i, id]) => {
    const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
    for (const tr of cell.node.querySelectorAll('.jp-OutputArea .rnncourse-progress tr')) {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent);
      if (cells[1] === id) return cells;
    }
    return null;
  }, [helpCell, ID]);
  step(row !== null && row[3] === '통과' && row[6] === '봄' && Number(row[4]) >= 2 && row[5].startsWith('2/'),
    `after a kernel restart, progress shows ${ID} passed, solution seen, 2 tries, 2 hints (row: ${JSON.stringify(row)})`);
  await shot('progress-after-restart');
} catch (e) {
  step(false, `the flow stopped: ${e.message.split('\n')[0]}`);
  await shot('stopped').catch(() => {});
} finally {
  await browser.close();
}
finish();
