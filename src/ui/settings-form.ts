import { DEFAULT_INPUT_POLICY, type InputPolicy } from '../shared/input-policy';
import type { ObjectsMode } from '../shared/object-plan';
import { DEFAULT_SETTINGS, validateSettings, type TileSettings } from '../shared/settings';
import { ENCODER_CHOICES, type EncoderChoice } from '../shared/encoder-route';
import { byTestId } from './dom';

const SETTINGS_KEY = 'vitrine.settings';
const BASE_URL_KEY = 'vitrine.baseUrl';
const STALL_KEY = 'vitrine.stallSeconds';
const DEFAULT_STALL_SECONDS = 60;
const POLICY_KEY = 'vitrine.inputPolicy';
const WORKERS_KEY = 'vitrine.workers';
const OBJECTS_KEY = 'vitrine.objectsMode';
const ENCODER_KEY = 'vitrine.encoder';

/** One worker per core, at most four: each holds its own wasm-vips and its memory. */
const defaultWorkers = () => Math.min(4, navigator.hardwareConcurrency || 2);

/** The settings form: tiling settings apply to images added from now on; the base URL only to exports. */
export class SettingsForm {
  private readonly tileSize = byTestId<HTMLSelectElement>('tile-size');
  private readonly format = byTestId<HTMLSelectElement>('tile-format');
  private readonly quality = byTestId<HTMLInputElement>('quality');
  private readonly stallSeconds = byTestId<HTMLInputElement>('stall-seconds');
  private readonly workerCount = byTestId<HTMLInputElement>('workers');
  private readonly maxMegapixels = byTestId<HTMLInputElement>('max-megapixels');
  private readonly allowDamaged = byTestId<HTMLInputElement>('allow-damaged');
  private readonly objects = byTestId<HTMLSelectElement>('objects-mode');
  private readonly encoderChoice = byTestId<HTMLSelectElement>('encoder');
  readonly baseUrl = byTestId<HTMLInputElement>('base-url');

  constructor() {
    const saved = this.load();
    this.tileSize.value = String(saved.tileSize);
    this.format.value = saved.format;
    this.quality.value = String(saved.quality);
    this.baseUrl.value = localStorage.getItem(BASE_URL_KEY) ?? '';
    for (const control of [this.tileSize, this.format, this.quality]) {
      control.addEventListener('change', () => this.save());
    }
    this.baseUrl.addEventListener('change', () => localStorage.setItem(BASE_URL_KEY, this.baseUrl.value.trim()));
    this.stallSeconds.value = localStorage.getItem(STALL_KEY) ?? String(DEFAULT_STALL_SECONDS);
    this.stallSeconds.addEventListener('change', () => localStorage.setItem(STALL_KEY, this.stallSeconds.value));
    this.workerCount.value = localStorage.getItem(WORKERS_KEY) ?? String(defaultWorkers());
    this.workerCount.addEventListener('change', () => localStorage.setItem(WORKERS_KEY, this.workerCount.value));
    this.objects.value = localStorage.getItem(OBJECTS_KEY) === 'folders' ? 'folders' : 'images';
    this.objects.addEventListener('change', () => localStorage.setItem(OBJECTS_KEY, this.objects.value));
    this.encoderChoice.value = localStorage.getItem(ENCODER_KEY) ?? 'libvips';
    this.encoderChoice.addEventListener('change', () => localStorage.setItem(ENCODER_KEY, this.encoderChoice.value));
    const policy = this.loadPolicy();
    this.maxMegapixels.value = String(policy.maxMegapixels);
    this.allowDamaged.checked = policy.allowDamaged;
    for (const control of [this.maxMegapixels, this.allowDamaged]) {
      control.addEventListener('change', () => localStorage.setItem(POLICY_KEY, JSON.stringify(this.policy())));
    }
  }

  /** The current tiling settings; throws with a message for the person when one is out of range. */
  settings(): TileSettings {
    return validateSettings({
      tileSize: Number(this.tileSize.value) as TileSettings['tileSize'],
      format: this.format.value as TileSettings['format'],
      quality: Number(this.quality.value),
      maxSide: DEFAULT_SETTINGS.maxSide,
    });
  }

  /** Whether each dropped folder is one object or each image its own manifest. */
  objectsMode(): ObjectsMode {
    return this.objects.value === 'folders' ? 'folders' : 'images';
  }

  /** Who encodes the large levels' tile rows: libvips, or the browser's own encoder. */
  encoder(): EncoderChoice {
    const value = this.encoderChoice.value as EncoderChoice;
    return ENCODER_CHOICES.includes(value) ? value : 'libvips';
  }

  /** How many images may tile at once. */
  workers(): number {
    const n = Number(this.workerCount.value);
    return Number.isInteger(n) && n >= 1 && n <= 16 ? n : defaultWorkers();
  }

  /**
   * What new jobs accept; an unusable pixel limit falls back to the default. The whole-decode limit has no
   * control: it is kept from the stored policy, where tests set it low to force the scratch-file route.
   */
  policy(): InputPolicy {
    const max = Number(this.maxMegapixels.value);
    return {
      maxMegapixels: Number.isFinite(max) && max >= 1 ? max : DEFAULT_INPUT_POLICY.maxMegapixels,
      allowDamaged: this.allowDamaged.checked,
      inMemoryMaxMegapixels: this.loadPolicy().inMemoryMaxMegapixels,
    };
  }

  private loadPolicy(): InputPolicy {
    try {
      return { ...DEFAULT_INPUT_POLICY, ...JSON.parse(localStorage.getItem(POLICY_KEY) ?? '{}') };
    } catch {
      return DEFAULT_INPUT_POLICY;
    }
  }

  /** How long a job may go without any sign of progress before its worker is stopped. */
  stallMs(): number {
    const seconds = Number(this.stallSeconds.value);
    return (Number.isFinite(seconds) && seconds >= 1 ? seconds : DEFAULT_STALL_SECONDS) * 1000;
  }

  private save(): void {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(this.settings()));
    } catch {
      // An invalid value is reported when images are added; keep the last good settings stored.
    }
  }

  private load(): TileSettings {
    try {
      return validateSettings({ ...DEFAULT_SETTINGS, ...JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') });
    } catch {
      return DEFAULT_SETTINGS;
    }
  }
}
