/** Where the console remembers that this browser wants a sound for new criticals (off unless asked). */
export const SOUND_PREFERENCE_KEY = 'corridor.alertSound';

export function readSoundPreference(storage: Pick<Storage, 'getItem'> | undefined): boolean {
  try {
    return storage?.getItem(SOUND_PREFERENCE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function writeSoundPreference(storage: Pick<Storage, 'setItem'> | undefined, on: boolean): void {
  try {
    storage?.setItem(SOUND_PREFERENCE_KEY, on ? 'on' : 'off');
  } catch {
    // Private mode may refuse storage: the toggle still holds for this page.
  }
}

let context: AudioContext | undefined;

/**
 * Two short tones (880 Hz then 660 Hz) made by WebAudio: no sound file to ship or fetch. Browsers start
 * audio only after a gesture on the page, so the first call comes from the toggle's own click.
 */
export function beep(): void {
  const Ctor = typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return;
  context ??= new Ctor();
  if (context.state === 'suspended') void context.resume();
  const start = context.currentTime;
  [880, 660].forEach((hz, i) => {
    const osc = context!.createOscillator();
    const gain = context!.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    const t = start + i * 0.2;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
    osc.connect(gain).connect(context!.destination);
    osc.start(t);
    osc.stop(t + 0.2);
  });
}
