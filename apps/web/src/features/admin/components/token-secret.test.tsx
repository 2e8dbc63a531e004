// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenSecret } from './token-secret.tsx';

const SECRET = 'crd_example-secret-0123456789';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a token secret, shown once', () => {
  it('is focused and selected, says it will not be shown again, and Copy puts it on the clipboard', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<TokenSecret name="export" secret={SECRET} onDone={() => {}} />);
    const box = screen.getByLabelText<HTMLInputElement>('Secret');
    expect(box.value).toBe(SECRET);
    expect(document.activeElement).toBe(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, SECRET.length]);
    expect(screen.getByText(/You won’t see it again/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied to the clipboard.'));
    expect(writeText).toHaveBeenCalledWith(SECRET);
  });

  it('where the clipboard refuses, selects the secret and says how to copy it', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn().mockRejectedValue(new DOMException('denied', 'NotAllowedError')) } });
    render(<TokenSecret name="export" secret={SECRET} onDone={() => {}} />);
    const box = screen.getByLabelText<HTMLInputElement>('Secret');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/press Ctrl\+C/));
    expect(document.activeElement).toBe(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, SECRET.length]);
  });

  it('is forgotten when the person says they have it', () => {
    const onDone = vi.fn();
    render(<TokenSecret name="export" secret={SECRET} onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(onDone).toHaveBeenCalledOnce();
  });
});
