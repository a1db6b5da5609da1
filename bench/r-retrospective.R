## R surveillance's full retrospective Farrington run (defaults: every week from 264 on) over the first K series of
## a gen_series.py CSV; R takes about 85 minutes for all 1,000, so bench/surveillance.sh times a part and
## `carebridge bench` scales it. Usage: Rscript r-retrospective.R IN.csv K
suppressMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
all <- unique(d$series)
series <- all[seq_len(as.integer(args[2]))]
w <- max(d$t)
d <- d[d$series %in% series, ]
m <- matrix(d$observed, nrow = w, ncol = length(series), dimnames = list(NULL, series))
dates <- as.Date(d$date[d$series == series[1]])
x <- sts(observed = m, epoch = as.numeric(dates), epochAsDate = TRUE, frequency = 52)
t0 <- proc.time()[["elapsed"]]
r <- farringtonFlexible(x, control = list(glmWarnings = FALSE))
cat(sprintf("R farringtonFlexible retrospective: %.2f s for %d of %d series (%d alarms)\n",
            proc.time()[["elapsed"]] - t0, length(series), length(all), sum(alarms(r), na.rm = TRUE)))
