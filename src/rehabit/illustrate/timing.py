"""Key poses in time: the moves between them, sampled and kept honest, and the dose's timing.

A move from one key pose to the next blends the joint angles and placement (eased in and out);
every sample is then settled so the contacts both key poses share stay on their surfaces and the
planted ones (hands, feet, knees) stay put. The samples depend only on the key poses, so they can
be computed once per figure; `timeline` spaces them at the dose's tempo and pauses on the held pose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rehabit.illustrate.body import Pose
from rehabit.illustrate.solve import SLIDE, Contact, placed, settle, touch_points, within_ranges, worst_gap

SAMPLES_PER_MOVE = 6


@dataclass(frozen=True)
class KeyPose:
    """A named key pose; `hold` marks the position held for the dose's hold time.

    `contacts` are the supports it rests on and `free` the variables a solver may adjust to keep them.
    """

    name: str
    pose: Pose
    hold: bool = False
    contacts: tuple[Contact, ...] = ()
    free: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Frame:
    """The figure at one moment, `at` seconds into the cycle (or a fraction of a move, before timing)."""

    at: float
    pose: Pose
    contacts: tuple[Contact, ...] = ()


def blend(start: Pose, end: Pose, fraction: float) -> Pose:
    """The pose a `fraction` (0–1) of the way from `start` to `end` (both placed)."""
    a, b = placed(start), placed(end)
    names = set(a.angles) | set(b.angles)
    angles = {name: a.angle(name) + (b.angle(name) - a.angle(name)) * fraction for name in names}
    assert a.root is not None and b.root is not None
    root = tuple(p + (q - p) * fraction for p, q in zip(a.root, b.root, strict=True))
    return replace(
        a,
        angles=angles,
        trunk=a.trunk + (b.trunk - a.trunk) * fraction,
        roll=a.roll + (b.roll - a.roll) * fraction,
        yaw=a.yaw + (b.yaw - a.yaw) * fraction,
        root=(root[0], root[1], root[2]),
    )


def shared(first: Sequence[Contact], second: Sequence[Contact]) -> tuple[Contact, ...]:
    """The contacts two key poses have in common (same part, same surface); planted only if planted in both."""
    planted_in_second = {_identity(contact): contact.planted for contact in second}
    return tuple(
        replace(contact, planted=contact.planted and planted_in_second[_identity(contact)])
        for contact in first
        if _identity(contact) in planted_in_second
    )


def _identity(contact: Contact) -> tuple[str, str, str]:
    return (contact.volume, contact.surface.name if contact.surface else "", contact.to)


def move_samples(start: KeyPose, end: KeyPose) -> list[Frame]:
    """The in-between poses of one move (not the two key poses), eased and settled."""
    contacts = shared(start.contacts, end.contacts)
    targets = touch_points(start.pose, contacts)
    a, b = placed(start.pose), placed(end.pose)
    moving = [name for name in set(a.angles) | set(b.angles) if abs(a.angle(name) - b.angle(name)) > 0.5]
    moving += [name for name in ("roll", "yaw") if abs(getattr(a, name) - getattr(b, name)) > 0.5]
    free = tuple(dict.fromkeys((*SLIDE, *start.free, *end.free, *sorted(moving))))
    found: list[Frame] = []
    for sample in range(1, SAMPLES_PER_MOVE):
        fraction = sample / SAMPLES_PER_MOVE
        eased = fraction * fraction * (3 - 2 * fraction)
        pose = _anchored(within_ranges(blend(start.pose, end.pose, eased)), contacts, targets)
        if contacts and worst_gap(pose, contacts) > 0.2 or _drifted(pose, contacts, targets):
            pose = settle(pose, contacts, free, targets, iterations=40)
        found.append(Frame(fraction, pose, contacts))
    return found


def _anchored(pose: Pose, contacts: Sequence[Contact], targets: dict[str, tuple[float, float, float]]) -> Pose:
    """The pose moved (not turned) so its planted supports sit, on average, where they were."""
    if not targets:
        return pose
    now = touch_points(pose, contacts)
    names = [name for name in targets if name in now]
    if not names:
        return pose
    shift = [sum(targets[name][axis] - now[name][axis] for name in names) / len(names) for axis in range(3)]
    root = placed(pose).root
    assert root is not None
    return replace(pose, root=(root[0] + shift[0], root[1] + shift[1], root[2] + shift[2]))


def _drifted(pose: Pose, contacts: Sequence[Contact], targets: dict[str, tuple[float, float, float]]) -> bool:
    now = touch_points(pose, contacts)
    return any(
        max(abs(a - b) for a, b in zip(now[name], target, strict=True)) > 0.3
        for name, target in targets.items()
        if name in now
    )


def cycle_frames(keys: Sequence[KeyPose]) -> list[list[Frame]]:
    """For each move of the cycle (key i to key i+1, and the last back to the first), its samples.

    The samples depend on the key poses only (not the dose), so figures shared by several exercises
    are sampled once.
    """
    if len(keys) <= 1:
        return []
    signature = repr([(key.pose, key.contacts, key.free) for key in keys])
    found = _SAMPLED.get(signature)
    if found is None:
        found = [move_samples(keys[index], keys[(index + 1) % len(keys)]) for index in range(len(keys))]
        if len(_SAMPLED) > 256:
            _SAMPLED.clear()
        _SAMPLED[signature] = found
    return found


_SAMPLED: dict[str, list[list[Frame]]] = {}


def cycle_seconds(keys: Sequence[KeyPose], tempo_s: float, hold_s: float) -> float:
    """One animation cycle: `tempo_s` per move (poses in order, then back to the start) plus the hold."""
    if len(keys) <= 1:
        return 0.0
    return tempo_s * len(keys) + sum(hold_s for key in keys if key.hold)


def timeline(keys: Sequence[KeyPose], moves: Sequence[Sequence[Frame]], tempo_s: float, hold_s: float) -> list[Frame]:
    """Key poses and move samples at their times in one cycle: `tempo_s` a move, a pause on the held pose."""
    if len(keys) <= 1:
        return [Frame(0.0, keys[0].pose, keys[0].contacts)] if keys else []
    found: list[Frame] = []
    clock = 0.0
    for index, key in enumerate(keys):
        found.append(Frame(clock, key.pose, key.contacts))
        if key.hold and hold_s > 0:
            clock += hold_s
            found.append(Frame(clock, key.pose, key.contacts))
        for sample in moves[index]:
            found.append(Frame(clock + tempo_s * sample.at, sample.pose, sample.contacts))
        clock += tempo_s
    found.append(Frame(clock, keys[0].pose, keys[0].contacts))
    return found
