#pragma once
// The files of MoE Lab: the config object (io/config_json.h) and the model file with its training
// state (io/model_file.h).
#include "io/config_json.h"
#include "io/model_file.h"
