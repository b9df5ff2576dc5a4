import { ActionIcon, Alert, Modal } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The camera, for a device without a scanner: @zxing/browser decodes 1D and 2D codes from the video. */
function CameraView({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    void (async () => {
      try {
        // Loaded on demand: the decoder is large and most handhelds have a scanner.
        const { BrowserMultiFormatReader } = await import('@zxing/browser');
        const controls = await new BrowserMultiFormatReader().decodeFromConstraints({ video: { facingMode: 'environment' } }, video.current!, (result) => {
          if (result) onCode(result.getText());
        });
        if (cancelled) controls.stop();
        else stop = () => controls.stop();
      } catch {
        if (!cancelled) setError(t('scan.camera.unavailable'));
      }
    })();
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [onCode, t]);
  if (error) return <Alert color="red">{error}</Alert>;
  return <video ref={video} style={{ width: '100%', borderRadius: 8, background: '#000' }} muted playsInline />;
}

export function CameraButton({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ActionIcon size={56} variant="filled" color="dark" aria-label={t('scan.camera.open')} onClick={() => setOpen(true)} data-testid="camera-button">
        <IconCamera size={30} />
      </ActionIcon>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('scan.camera.title')} size="lg">
        {open && (
          <CameraView
            onCode={(code) => {
              setOpen(false);
              onCode(code);
            }}
          />
        )}
      </Modal>
    </>
  );
}
