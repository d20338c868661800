-- Fleet schema, version 2: what explain's detectors read from a layer's files (package databases, os-release,
-- candidate secrets), kept beside its entries index, so a shard that explains an image from stored indexes finds the
-- same findings as one that read the layers. capture_signature names the detectors' rules the bytes were taken by
-- (dev.whittle.fs.CachedCapture#signature); bytes taken under another signature count as none.
ALTER TABLE layers ADD COLUMN captured ${blob};
ALTER TABLE layers ADD COLUMN capture_signature TEXT;
