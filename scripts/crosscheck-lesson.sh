#!/usr/bin/env bash
# Cross-check gdlab train --json against the lesson's Python on random settings (needs python3 with pandas).
# Usage: scripts/crosscheck-lesson.sh [RUNS]   (default 8)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-8}
python=${PYTHON:-python3}
for ((i = 0; i < runs; i++)); do
	model=$([ $((RANDOM % 2)) = 0 ] && echo single || echo backprop)
	seed=$((RANDOM % 1000)); split=$((RANDOM % 1000)); hidden=$((1 + RANDOM % 6))
	epochs=$((10 + RANDOM % 300)); lr=$(printf '0.%03d' $((1 + RANDOM % 999)))
	args=(--model "$model" --seed "$seed" --split-seed "$split" --hidden "$hidden" --epochs "$epochs" --lr "$lr")
	expected=$("$python" scripts/lesson_reference.py "${args[@]}")
	actual=$(node dist/bin/gdlab.js train "${args[@]}" --json)
	node -e '
		const [expected, actual] = process.argv.slice(1).map(JSON.parse);
		const flat = value => typeof value === "number" ? [value] : Object.values(value).flatMap(flat);
		const a = flat(actual.weights), b = flat(expected.weights);
		const lossesA = actual.losses.map(l => l.train), lossesB = expected.losses.map(l => l[1]);
		const diff = Math.max(...a.map((v, i) => Math.abs(v - b[i])), ...lossesA.map((v, i) => Math.abs(v - lossesB[i])));
		const same = a.length === b.length && lossesA.length === lossesB.length && diff <= 1e-12 && actual.accuracy === expected.accuracy;
		console.log(`${same ? "ok  " : "FAIL"} max difference ${diff.toExponential(2)}, accuracy ${actual.accuracy} vs ${expected.accuracy}`);
		process.exitCode = same ? 0 : 1;
	' "$expected" "$actual" | sed "s|^|${args[*]}: |"
done
