"""The milestone example of docs/metrics.md ("Milestones: a won deal that goes on"): the worked
example with the contract signed as a won milestone, followed by onboarding. Shared by the CLI
tests."""

MILESTONE_EXAMPLE = """\
flowedit: 1
title: Worked example with after-sales
lanes:
  - {id: sdr, name: SDR}
  - {id: ae, name: Account Executive}
  - {id: cs, name: Customer Success}
nodes:
  - {id: start, kind: start, name: Lead received, lane: sdr, x: 0, y: 0}
  - {id: qualify, kind: stage, name: Qualify, lane: sdr, x: 200, y: 0, duration_days: 2}
  - {id: d, kind: decision, name: Qualified?, lane: sdr, x: 400, y: 0}
  - {id: proposal, kind: stage, name: Proposal, lane: ae, x: 400, y: 200, duration_days: 5}
  - {id: n, kind: decision, name: Accepted?, lane: ae, x: 600, y: 200}
  - {id: signed, kind: stage, name: Contract signed, lane: ae, x: 800, y: 200,
     duration_days: 1, outcome: won}
  - {id: onboarding, kind: stage, name: Onboarding, lane: cs, x: 800, y: 400,
     duration_days: 30}
  - {id: live, kind: end, name: Customer live, lane: cs, x: 1000, y: 400}
  - {id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0, outcome: lost}
edges:
  - {from: start, to: qualify}
  - {from: qualify, to: d}
  - {from: d, to: proposal, label: "Yes", probability: 0.5}
  - {from: d, to: lost, label: "No", probability: 0.5}
  - {from: proposal, to: n}
  - {from: n, to: signed, label: "Yes", probability: 0.6}
  - {from: n, to: lost, label: "No", probability: 0.2}
  - {from: n, to: proposal, label: Revise, probability: 0.2}
  - {from: signed, to: onboarding}
  - {from: onboarding, to: live}
"""
