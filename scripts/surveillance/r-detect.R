## The R `surveillance` package's side of `carebridge detect`: the same options, the same CSV in and out, so the
## two can be compared number by number (scripts/surveillance/make-fixtures.sh writes the test fixtures with it).
## Usage: Rscript r-detect.R --method ears-c1|ears-c2|ears-c3|farrington --input IN.csv [options] > OUT.csv
## Options as `carebridge detect`: --alpha --baseline --min-sigma --b --w --no-periods --past-weeks-not-included
## --weights-threshold --p-threshold-trend --threshold-method --range FROM:TO --no-reweight --no-trend
## --limit54 CASES,WEEKS --powertrans 2/3|1/2|none
## IN.csv: series,t,observed and optionally date (ISO, the week's first day; then epochAsDate = TRUE).
suppressMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
opt <- list(); flags <- c("--no-reweight", "--no-trend")
i <- 1
while (i <= length(args)) {
  if (args[i] %in% flags) { opt[[args[i]]] <- TRUE; i <- i + 1 } else { opt[[args[i]]] <- args[i + 1]; i <- i + 2 }
}
num <- function(name) if (is.null(opt[[name]])) NULL else as.numeric(opt[[name]])
d <- read.csv(opt[["--input"]], stringsAsFactors = FALSE)
series <- unique(d$series)
n <- max(d$t)
m <- matrix(d$observed, nrow = n, ncol = length(series), dimnames = list(NULL, series))
if ("date" %in% names(d)) {
  dates <- as.Date(d$date[d$series == series[1]])
  x <- sts(observed = m, epoch = as.numeric(dates), epochAsDate = TRUE, frequency = 52)
} else {
  dates <- rep(NA, n)
  x <- sts(observed = m, frequency = 52)
}
control <- list()
if (!is.null(opt[["--range"]])) { r <- as.integer(strsplit(opt[["--range"]], ":")[[1]]); control$range <- r[1]:r[2] }
if (!is.null(num("--alpha"))) control$alpha <- num("--alpha")
method <- opt[["--method"]]
if (startsWith(method, "ears")) {
  control$method <- toupper(sub("ears-", "", method))
  if (!is.null(num("--baseline"))) control$baseline <- num("--baseline")
  if (!is.null(num("--min-sigma"))) control$minSigma <- num("--min-sigma")
  r <- earsC(x, control = control)
  t <- r@epoch
  if (r@epochAsDate) t <- match(r@epoch, as.numeric(dates))
  out <- data.frame(series = rep(series, each = nrow(r)), t = rep(seq_len(nrow(r)) + (n - nrow(r)), length(series)),
                    observed = as.vector(observed(r)), upperbound = as.vector(upperbound(r)),
                    alarm = as.integer(as.vector(alarms(r))))
} else {
  for (p in c("b", "w")) if (!is.null(num(paste0("--", p)))) control[[p]] <- num(paste0("--", p))
  if (!is.null(num("--no-periods"))) control$noPeriods <- num("--no-periods")
  if (!is.null(num("--past-weeks-not-included"))) control$pastWeeksNotIncluded <- num("--past-weeks-not-included")
  if (!is.null(num("--weights-threshold"))) control$weightsThreshold <- num("--weights-threshold")
  if (!is.null(num("--p-threshold-trend"))) control$pThresholdTrend <- num("--p-threshold-trend")
  if (!is.null(opt[["--threshold-method"]])) control$thresholdMethod <- opt[["--threshold-method"]]
  if (!is.null(opt[["--limit54"]])) control$limit54 <- as.numeric(strsplit(opt[["--limit54"]], ",")[[1]])
  if (!is.null(opt[["--powertrans"]])) control$powertrans <- opt[["--powertrans"]]
  if (isTRUE(opt[["--no-reweight"]])) control$reweight <- FALSE
  if (isTRUE(opt[["--no-trend"]])) control$trend <- FALSE
  control$glmWarnings <- FALSE
  r <- farringtonFlexible(x, control = control)
  k <- nrow(r)
  first <- n - k + 1
  out <- data.frame(series = rep(series, each = k), t = rep(first:n, length(series)),
                    observed = as.vector(observed(r)), upperbound = as.vector(upperbound(r)),
                    alarm = as.integer(as.vector(alarms(r))),
                    expected = as.vector(r@control$expected), score = as.vector(r@control$score),
                    pvalue = as.vector(r@control$pvalue), phi = as.vector(r@control$phiVector),
                    trend = as.vector(r@control$trend))
}
write.csv(out, stdout(), row.names = FALSE, quote = FALSE, na = "NA")
