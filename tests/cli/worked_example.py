"""The worked example of docs/metrics.md in two lanes, as a manager would write it by hand
(arrows without ids): shared by the CLI tests."""

EXAMPLE = """\
flowedit: 1
title: Worked example
lanes:
  - {id: sdr, name: SDR}
  - {id: ae, name: Account Executive}
nodes:
  - {id: start, kind: start, name: Lead received, lane: sdr, x: 0, y: 0}
  - {id: qualify, kind: stage, name: Qualify, lane: sdr, x: 200, y: 0, duration_days: 2}
  - {id: d, kind: decision, name: Qualified?, lane: sdr, x: 400, y: 0}
  - {id: proposal, kind: stage, name: Proposal, lane: ae, x: 400, y: 200, duration_days: 5}
  - {id: n, kind: decision, name: Accepted?, lane: ae, x: 600, y: 200}
  - {id: won, kind: end, name: Deal won, lane: ae, x: 800, y: 200, outcome: won}
  - {id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0, outcome: lost}
edges:
  - {from: start, to: qualify}
  - {from: qualify, to: d}
  - {from: d, to: proposal, label: "Yes", probability: 0.5}
  - {from: d, to: lost, label: "No", probability: 0.5}
  - {from: proposal, to: n}
  - {from: n, to: won, label: "Yes", probability: 0.6}
  - {from: n, to: lost, label: "No", probability: 0.2}
  - {from: n, to: proposal, label: Revise, probability: 0.2}
"""
