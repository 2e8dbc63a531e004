import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { linkLiveFacts, siteLiveFacts } from './live-facts.ts';

describe('a link’s live figures', () => {
  it('give RTT against the base, loss, utilisation and the condition the map colours by', () => {
    expect(linkLiveFacts({ link_rtt_seconds: 0.0143, link_loss_ratio: 0.0004, link_utilization_ratio: 0.31 }, 14)).toEqual([
      { label: 'RTT', value: '14 ms (base 14 ms)' },
      { label: 'Packet loss', value: '0.04 %' },
      { label: 'Utilisation', value: '31 %' },
      { label: 'Condition', value: 'Normal' },
    ]);
    expect(linkLiveFacts({ link_rtt_seconds: 0.035, link_loss_ratio: 0.42 }, 14).at(-1)).toEqual({ label: 'Condition', value: 'Cut (≥ 30 % loss)' });
    expect(linkLiveFacts({ link_rtt_seconds: 0.03, link_loss_ratio: 0 }, 14).at(-1)).toEqual({ label: 'Condition', value: 'RTT elevated (≥ 1.5× base)' });
  });

  it('say when no probe came back, and list nothing before the first reading', () => {
    expect(linkLiveFacts({ link_loss_ratio: 1, link_utilization_ratio: 0 }, 14)).toEqual([
      { label: 'RTT', value: 'no reply (unreachable)' },
      { label: 'Packet loss', value: '100.0 %' },
      { label: 'Utilisation', value: '0 %' },
      { label: 'Condition', value: 'Cut (≥ 30 % loss)' },
    ]);
    expect(linkLiveFacts({}, 14)).toEqual([]);
  });
});

describe('site live facts', () => {
  it('lists the current figures with their units, leaving out what the site does not report', () => {
    const facts = siteLiveFacts({
      site_it_power_watts: 6_153_400,
      site_facility_power_watts: 7_400_000,
      site_pue_ratio: 1.2026,
      gpu_sm_active_ratio: 0.368,
      gpu_temperature_mean_celsius: 53.5,
      gpu_temperature_max_celsius: 59.2,
      site_renewable_share_ratio: 0.31,
      site_carbon_intensity_grams_per_kilowatt_hour: 412.4,
      site_gpus_busy: 1200,
      site_gpus_free: 300,
      site_availability_ratio: 1,
      site_ambient_temperature_celsius: 25,
    });
    expect(Object.fromEntries(facts.map((f) => [f.label, f.value]))).toEqual({
      'IT power': '6,153 kW',
      'Facility power': '7,400 kW',
      'PUE (interim)': '1.20',
      'GPU SM active': '37 %',
      'GPU temperature': '53.5 °C mean · 59.2 °C max',
      'Renewable share': '31 %',
      'Carbon intensity': '412 gCO₂/kWh',
      'GPUs (measured)': '1,200 busy · 300 idle',
      Availability: '100 %',
      Ambient: '25 °C',
    });
    expect(siteLiveFacts({ site_ambient_temperature_celsius: 12.25 })).toEqual([{ label: 'Ambient', value: '12.3 °C' }]);
    // A dark site (what the simulator reports for one down): no PUE, no GPU temperature, nothing stale.
    const dark = siteLiveFacts({
      site_it_power_watts: 0,
      site_facility_power_watts: 0,
      gpu_sm_active_ratio: 0,
      site_gpus_busy: 0,
      site_gpus_free: 0,
      site_availability_ratio: 0,
      site_ambient_temperature_celsius: 25,
    });
    expect(Object.fromEntries(dark.map((f) => [f.label, f.value]))).toEqual({
      'IT power': '0 kW',
      'Facility power': '0 kW',
      'GPU SM active': '0 %',
      'GPUs (measured)': '0 busy · 0 idle',
      Availability: '0 %',
      Ambient: '25 °C',
    });
  });
});

describe('live figures in French and Arabic', () => {
  afterEach(() => activateLocale('en'));

  it('name each figure in French, with French numbers and the SI units kept', async () => {
    await activateLocale('fr');
    expect(siteLiveFacts({ site_it_power_watts: 6_153_400, site_gpus_busy: 1200, site_gpus_free: 34 })).toEqual([
      { label: 'Puissance IT', value: '6\u202f153 kW' },
      { label: 'GPU (mesurés)', value: '1\u202f200 occupés · 34 inactifs' },
    ]);
    expect(linkLiveFacts({ link_rtt_seconds: 0.0143 }, 14)).toEqual([
      { label: 'RTT', value: '14 ms (base 14 ms)' },
      { label: 'État', value: 'Normal' },
    ]);
  });

  it('name each figure in Arabic, with Latin digits', async () => {
    await activateLocale('ar');
    expect(siteLiveFacts({ gpu_temperature_mean_celsius: 61.2, gpu_temperature_max_celsius: 74 })).toEqual([{ label: 'حرارة وحدات GPU', value: 'المتوسط 61,2 °C · الأقصى 74 °C' }]);
    expect(linkLiveFacts({ link_loss_ratio: 1 }, 14)[0]).toEqual({ label: 'زمن الذهاب والإياب', value: 'لا رد (يتعذر الوصول)' });
  });
});
