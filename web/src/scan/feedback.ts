/** Sound and vibration, for a person who is not looking at the screen (gloves, glare, a pallet in the way). */
let audio: AudioContext | null = null;

function beep(frequency: number, durationMs: number, delayMs = 0): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
    const start = audio.currentTime + delayMs / 1000;
    oscillator.start(start);
    oscillator.stop(start + durationMs / 1000);
  } catch {
    // no audio on this device: the vibration and the screen still tell
  }
}

function vibrate(pattern: number[]): void {
  if (typeof navigator.vibrate === 'function') navigator.vibrate(pattern);
}

/** One short high beep. */
export function signalSuccess(): void {
  beep(1320, 90);
  vibrate([60]);
}

/** Two low buzzes: unmistakably not the success sound. */
export function signalError(): void {
  beep(220, 180);
  beep(220, 180, 240);
  vibrate([200, 100, 200]);
}
