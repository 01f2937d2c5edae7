// SPDX-License-Identifier: GPL-2.0
// browser.mjs: the web admin in a real browser: Debian's headless
// Chromium driven by playwright-core, no network but 127.0.0.1.
//
//   node tests/web/browser.mjs SCENARIO BASE_URL STORE_DIR RULE SHOT_DIR
//
// SCENARIO: gpp (Provisioning shows GPP_A..GPP_P; a screenshot of every
// page), submit (GPP_A set in the form reaches the store), bad (a bad
// value's error is next to its field, the store unchanged), resync
// (/admin/resync?RULE, then the new GPP_A on the page and the resync's
// lines in the control log). Exits 0 when every check holds; prints each
// check.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const [scenario, base, store, rule, shots] = process.argv.slice(2);
const flags = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
	'--disable-background-networking', '--disable-component-update',
	'--disable-default-apps', '--disable-extensions', '--disable-sync',
	'--disable-breakpad', '--disable-domain-reliability',
	'--no-first-run', '--no-default-browser-check', '--no-pings',
	'--metrics-recording-only', '--proxy-server=direct://',
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];
let failed = 0;

function check(what, ok, detail = '') {
	console.log(`${ok ? 'ok' : 'FAIL'}: ${what}${ok ? '' : ': ' + detail}`);
	if (!ok)
		failed++;
}

function stored(name) {
	return readFileSync(join(store, name, 'value'), 'utf8').replace(/\n$/, '');
}

async function shot(page, name) {
	mkdirSync(shots, { recursive: true });
	await page.screenshot({ path: join(shots, `${scenario}-${name}.png`),
				fullPage: true });
}

// every Voice page of the menu, and a screenshot of each
async function scenarioGpp(page) {
	await page.goto(base + '/');
	await shot(page, 'status');
	check('status page shows the serial number',
	      (await page.textContent('#Serial_Number')).length > 0);
	await page.click('nav >> text=Provisioning');
	check('Provisioning tab opened', page.url().endsWith('/voice/Provisioning'), page.url());
	for (const c of 'ABCDEFGHIJKLMNOP') {
		const field = page.locator(`input#GPP_${c}`);
		check(`GPP_${c} shown`, await field.isVisible());
	}
	check('GPP_SA..SD not shown',
	      (await page.locator('input[name^="GPP_S"]').count()) === 0);
	await shot(page, 'Provisioning');
	const hrefs = await page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href')));
	for (const href of hrefs) {
		const resp = await page.goto(base + href);
		check(`${href} answers 200`, resp.status() === 200, String(resp.status()));
		await shot(page, href === '/' ? 'status' : basename(href));
	}
}

async function scenarioSubmit(page) {
	const value = 'browser-' + basename(rule).replace(/^webbr|\.xml$/g, '');
	await page.goto(base + '/voice/Provisioning');
	await page.fill('#GPP_A', value);
	await Promise.all([page.waitForNavigation(), page.click('#submit')]);
	await shot(page, 'submitted');
	check('applied message', (await page.textContent('#message')) === 'Settings applied');
	check('GPP_A shown with its new value',
	      (await page.inputValue('#GPP_A')) === value);
	check('GPP_A in the store', stored('GPP_A') === value, stored('GPP_A'));
}

async function scenarioBad(page) {
	const before = stored('GPP_A');
	await page.goto(base + '/voice/Provisioning');
	await page.fill('#GPP_A', 'must-not-be-stored');
	await page.fill('#Resync_Periodic', 'abc');
	await Promise.all([page.waitForNavigation(), page.click('#submit')]);
	await shot(page, 'bad-value');
	const err = page.locator('#err_Resync_Periodic');
	check('error shown', await err.isVisible());
	check('error names the value', (await err.textContent()).includes("'abc'"));
	const row = page.locator('tr', { has: page.locator('input#Resync_Periodic') });
	check('error in the field\'s row',
	      (await row.locator('#err_Resync_Periodic').count()) === 1);
	check('no other field has an error',
	      (await page.locator('span.err').count()) === 1);
	check('store unchanged', stored('GPP_A') === before, stored('GPP_A'));
}

async function scenarioResync(page) {
	const want = 'from-tftp-' + basename(rule).replace(/^webbr|\.xml$/g, '');
	const resp = await page.goto(`${base}/admin/resync?${rule}`);
	await shot(page, 'resync');
	check('/admin/resync?URL answers 200', resp.status() === 200, String(resp.status()));
	check('resync started',
	      (await page.textContent('#message')).startsWith('Resync started'));
	// the resync goes on in fxsd's loop: the status page says when it ends
	let running = 'yes';
	for (let i = 0; i < 120 && running !== 'no'; i++) {
		await page.goto(base + '/');
		running = await page.textContent('#Resync_Running');
		if (running !== 'no')
			await page.waitForTimeout(500);
	}
	check('the resync ended', running === 'no', running);
	await page.goto(base + '/voice/Provisioning');
	check('new GPP_A on the page', (await page.inputValue('#GPP_A')) === want,
	      await page.inputValue('#GPP_A'));
	check('new GPP_A in the store', stored('GPP_A') === want, stored('GPP_A'));
	await page.goto(base + '/');
	check('status: last resync ok',
	      (await page.textContent('#Last_Resync_Result')) === 'ok');
	await page.click('nav >> text=Control Logs');
	await shot(page, 'control-log');
	const log = await page.textContent('#messages');
	check('control log: requesting', log.includes(`requesting ${rule}`), log.slice(-400));
	check('control log: applied', log.includes(`applied ${rule}`), log.slice(-400));
}

const scenarios = { gpp: scenarioGpp, submit: scenarioSubmit,
		    bad: scenarioBad, resync: scenarioResync };
if (!scenarios[scenario]) {
	console.error(`usage: browser.mjs ${Object.keys(scenarios).join('|')} BASE STORE RULE SHOTS`);
	process.exit(2);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
					args: flags, headless: true });
try {
	const page = await browser.newPage();
	page.setDefaultTimeout(60000);
	await scenarios[scenario](page);
} catch (e) {
	check('scenario ran', false, e.stack);
} finally {
	await browser.close();
}
process.exit(failed ? 1 : 0);
