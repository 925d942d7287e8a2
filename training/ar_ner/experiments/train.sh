#!/bin/sh
out=$1; vec=$2; shift 2
python -m spacy train training/ar_ner/config.cfg --code training/ar_ner/experiments/exp_code.py --output $out \
  --paths.train training/ar_ner/corpus/tune/anercorp.spacy --paths.dev training/ar_ner/corpus/dev.spacy \
  --training.max_epochs 6 --paths.vectors $vec --nlp.tokenizer.@tokenizers exp.ctx_tokenizer.v1 \
  --corpora.train.augmenter.prob 0.0 "$@"
