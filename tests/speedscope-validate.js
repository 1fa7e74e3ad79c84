#!/usr/bin/env node
// tests/speedscope-validate.js - check speedscope JSON files the way the
// speedscope app will read them.
//
//   node tests/speedscope-validate.js [--weights] FILE...
//
// 1. JSON schema: speedscope's own file-format-schema.json (from the npm
//    package `speedscope`), compiled with ajv (npm `ajv@8`); the modules are
//    found in $PROFKIT_NODE_MODULES (default
//    $HOME/.cache/profkit/node/node_modules).
// 2. What the importer needs beyond the schema: no null anywhere,
//    samples.length == weights.length, frame indices in range, weights and
//    times finite and >= 0, evented events balanced (each C closes the
//    innermost open frame) with non-decreasing "at", activeProfileIndex in
//    range.
// Exit 0 when every file passes, 1 otherwise (errors on stderr), 2 when the
// node modules are missing (a test should skip then).
// --weights prints, per profile, "FILE<TAB>PROFILE NAME<TAB>total" (sum of
// weights for sampled profiles, endValue - startValue for evented ones)
// so shell tests can compare totals.
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');

const modules = process.env.PROFKIT_NODE_MODULES ||
	path.join(os.homedir(), '.cache', 'profkit', 'node', 'node_modules');
let Ajv, schema;
try {
	Ajv = require(path.join(modules, 'ajv'));
	schema = JSON.parse(fs.readFileSync(path.join(modules,
		'speedscope', 'dist', 'release', 'file-format-schema.json'), 'utf8'));
} catch (e) {
	console.error(`speedscope-validate: node modules missing in ${modules}: ${e.message}`);
	process.exit(2);
}
if (Ajv.default) Ajv = Ajv.default;

const ajv = new Ajv({ strict: false, allErrors: false });
const validate = ajv.compile({ ...schema, $ref: '#/definitions/FileFormat.File' });

function findNull(v, where) {
	if (v === null) return where;
	if (Array.isArray(v)) {
		for (let i = 0; i < v.length; i++) {
			const r = findNull(v[i], `${where}[${i}]`);
			if (r) return r;
		}
	} else if (typeof v === 'object') {
		for (const k of Object.keys(v)) {
			const r = findNull(v[k], `${where}.${k}`);
			if (r) return r;
		}
	}
	return null;
}

function check(file, doc, weights) {
	const errs = [];
	if (!validate(doc)) {
		for (const e of validate.errors.slice(0, 5))
			errs.push(`schema: ${e.instancePath || '/'} ${e.message}`);
		return errs;
	}
	const n = findNull(doc, '$');
	if (n) errs.push(`null at ${n}`);
	const nframes = doc.shared.frames.length;
	if (doc.profiles.length === 0) errs.push('no profiles');
	if (doc.activeProfileIndex !== undefined &&
	    (doc.activeProfileIndex < 0 || doc.activeProfileIndex >= doc.profiles.length))
		errs.push(`activeProfileIndex ${doc.activeProfileIndex} out of range`);
	doc.profiles.forEach((p, pi) => {
		const where = `profile ${pi} (${p.name})`;
		if (!(p.endValue >= p.startValue)) errs.push(`${where}: endValue < startValue`);
		if (p.type === 'sampled') {
			if (p.samples.length !== p.weights.length)
				errs.push(`${where}: ${p.samples.length} samples but ${p.weights.length} weights`);
			let total = 0;
			for (const w of p.weights) {
				if (!Number.isFinite(w) || w < 0) { errs.push(`${where}: bad weight ${w}`); break; }
				total += w;
			}
			for (const s of p.samples)
				for (const f of s)
					if (!Number.isInteger(f) || f < 0 || f >= nframes) {
						errs.push(`${where}: frame index ${f} out of range`);
						return;
					}
			if (weights) console.log(`${file}\t${p.name}\t${total}`);
		} else {
			const stack = [];
			let last = -Infinity;
			for (const [i, e] of p.events.entries()) {
				if (!Number.isInteger(e.frame) || e.frame < 0 || e.frame >= nframes) {
					errs.push(`${where}: event ${i}: frame ${e.frame} out of range`);
					return;
				}
				if (e.at < last) {
					errs.push(`${where}: event ${i}: at ${e.at} before ${last}`);
					return;
				}
				if (e.at < p.startValue || e.at > p.endValue) {
					errs.push(`${where}: event ${i}: at ${e.at} outside [startValue, endValue]`);
					return;
				}
				last = e.at;
				if (e.type === 'O') stack.push(e.frame);
				else if (stack.pop() !== e.frame) {
					errs.push(`${where}: event ${i}: closes frame ${e.frame}, not the innermost open one`);
					return;
				}
			}
			if (stack.length > 0) errs.push(`${where}: ${stack.length} frames left open`);
			if (weights) console.log(`${file}\t${p.name}\t${p.endValue - p.startValue}`);
		}
	});
	return errs;
}

let args = process.argv.slice(2);
let weights = false;
if (args[0] === '--weights') { weights = true; args = args.slice(1); }
if (args.length === 0) {
	console.error('usage: speedscope-validate.js [--weights] FILE...');
	process.exit(2);
}
let bad = 0;
for (const file of args) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.error(`${file}: not JSON: ${e.message}`);
		bad++;
		continue;
	}
	const errs = check(file, doc, weights);
	for (const e of errs) console.error(`${file}: ${e}`);
	if (errs.length) bad++;
}
process.exit(bad ? 1 : 0);
