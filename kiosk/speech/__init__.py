"""Audio mode's voice: text to speech offline, recordings, and playback.  No Qt here.

- :mod:`kiosk.speech.synth` - :class:`~kiosk.speech.synth.Synthesizer`: eSpeak NG 1.52 (from
  the ``espeakng-loader`` wheel, never the system's) in a child process,
  :mod:`kiosk.speech.synth_worker` (why a child process: its docstring, the licence), WAV
  files cached by a hash of text, language, voice, rate and engine version.
- :mod:`kiosk.speech.player` - :class:`~kiosk.speech.player.Player`: ``miniaudio`` playback
  (PulseAudio or ALSA, no sound server needed) with a null output for machines without a
  sound card and for tests (``KIOSK_AUDIO=null``), volume in steps, interruption at once.
- :mod:`kiosk.speech.utterances` - every text of every screen in every language, as audio
  mode says it (``kiosk voice`` renders them all ahead of time).
- Recordings curators give in content.yaml: :mod:`kiosk.content.recordings`.

:class:`kiosk.backend.speech.Speech` is the QML singleton that puts these together.
"""

VOLUME_STEPS = 5  # audio mode's volume steps, 6 dB apart (kiosk.speech.player.gain)
DEFAULT_VOLUME = 4  # where each visitor starts
PERIOD_MS = 30  # the sound output asks for sound this often (kiosk.speech.player)
